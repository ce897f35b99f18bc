// The storage account CrmBridge runs on: the changes queue (and the host's poison queue), the state tables (checkpoints
// with their ETags, ledger, cross-references, echoes, dead letters, sync log), blob containers for claim checks
// (oversized record snapshots) and the deployment package. The Functions host keeps its own keys and timer locks in
// azure-webjobs-* containers it creates itself.
// Shared-key access is disabled: the Function App reaches everything with its managed identity (roles.bicep).

@description('Azure region.')
param location string

@description('Storage account name (3-24 lowercase letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Replication SKU.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param skuName string

@description('The changes queue; the Functions host adds <queue>-poison after maxDequeueCount.')
param queueName string

@description('Tables of the sync state store (checkpoints, ledger, cross-references, echoes, dead letters, sync log).')
param tableNames array

@description('Blob containers (claim checks, deployment package).')
param containerNames array

@description('The claim-check container; its blobs are deleted by age (lifecycle rule) once orphaned.')
param claimCheckContainerName string

@description('Days after creation a claim-check blob is deleted: by then its message has expired or been handled.')
@minValue(1)
param retentionDays int

@description('Tags for every resource.')
param tags object

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
  }
  kind: 'StorageV2'
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource changesQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: queueName
}

// Created up front so admins can watch it from day one; the host would otherwise create it on first poison message.
resource poisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: '${queueName}-poison'
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for table in tableNames: {
    parent: tableService
    name: table
  }
]

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for container in containerNames: {
    parent: blobService
    name: container
    properties: {
      publicAccess: 'None'
    }
  }
]

// Claim-check blobs outlive their message only when a host stopped between handling and deleting (orphans). The app's
// retention cleanup deletes them too; this rule does it even while the app is stopped.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'delete-orphaned-claim-checks'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                '${claimCheckContainerName}/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterCreationGreaterThan: retentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
  dependsOn: [
    containers
  ]
}

@description('The storage account name.')
output accountName string = account.name

@description('The blob endpoint, e.g. https://<name>.blob.core.windows.net/.')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('The queue endpoint.')
output queueEndpoint string = account.properties.primaryEndpoints.queue

@description('The table endpoint.')
output tableEndpoint string = account.properties.primaryEndpoints.table

@description('The queues created (changes and poison).')
output queues array = [
  changesQueue.name
  poisonQueue.name
]

