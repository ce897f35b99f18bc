// CrmBridge on Azure: Function App (Flex Consumption or Elastic Premium), storage (queues, tables, blobs), Key Vault,
// Application Insights + Log Analytics, and least-privilege role assignments for the app's managed identity.
// Deploy into an existing resource group:
//   az deployment group create -g <rg> --template-file infra/main.bicep --parameters infra/main.dev.bicepparam
targetScope = 'resourceGroup'

@description('Environment name, part of every resource name.')
@allowed([
  'dev'
  'test'
  'prod'
])
param environmentName string

@description('Azure region (defaults to the resource group\'s).')
param location string = resourceGroup().location

@description('Name prefix for every resource.')
@minLength(3)
@maxLength(12)
param namePrefix string = 'crmbridge'

@description('Flex Consumption (default) or Elastic Premium hosting.')
@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
param hostingPlan string = 'FlexConsumption'

@description('Elastic Premium SKU (only with hostingPlan = ElasticPremium).')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param premiumSku string = 'EP1'

@description('Most instances (Flex) or elastic workers (Premium). Keep connector rate limits in mind: more instances mean more concurrent API calls.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Flex Consumption instance memory in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Flex Consumption: instances kept warm for the HTTP functions (webhooks); 0 = scale from zero.')
@minValue(0)
@maxValue(20)
param alwaysReadyHttpInstances int = 0

@description('Storage replication.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

@description('The changes queue (the app setting QueueName); the host adds <queue>-poison.')
@minLength(3)
@maxLength(56)
param queueName string = 'crmbridge-changes'

@description('NCRONTAB schedule of the change polls (the app setting PollSchedule).')
param pollSchedule string = '0 */2 * * * *'

@description('Tables of the sync state store (Storage:Azure:TablePrefix + concern). The app creates them at start-up too; listing them here makes them visible before the first run.')
param tableNames array = [
  'crmbridgecheckpoints'
  'crmbridgeledger'
  'crmbridgecrossrefs'
  'crmbridgeechoes'
  'crmbridgedeadletters'
  'crmbridgesynclog'
]

@description('Log Analytics retention in days.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Days dead letters that are closed or hold raw bodies (rejected input, poison) and orphaned claim-check blobs are kept (Pipeline:Retention and the blob lifecycle rule).')
@minValue(1)
@maxValue(3650)
param dataRetentionDays int = 30

@description('Key Vault soft-delete retention in days.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteDays int = 7

@description('Key Vault purge protection (recommended for prod).')
param keyVaultPurgeProtection bool = false

@description('App settings served from Key Vault: [{ setting, secretName }]. Set the secret values with az keyvault secret set.')
param secretSettings array = []

@description('Further non-secret app settings (connector endpoints, Polling__Targets__N__System/Entity, ...).')
param appSettings object = {}

@description('Client id of the Entra ID app registration that signs admins in to the admin page (/api/crmbridge/ui/) through Easy Auth; empty leaves the page closed (docs/admin.md).')
param adminClientId string = ''

@description('The app role (value) admins must hold for the admin page.')
param adminRole string = 'CrmBridge.Admin'

@description('Object id of the user or group that sets the connector secrets (Key Vault Secrets Officer); empty for none.')
param operatorPrincipalId string = ''

@description('The principal type of operatorPrincipalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param operatorPrincipalType string = 'Group'

@description('Deploy Azure Monitor alert rules and an action group (the alternative to the bridge\'s own Alerts; docs/alerts.md).')
param monitorAlerts bool = true

@description('Email addresses the Azure Monitor action group notifies.')
param alertEmails array = []

@description('Webhook URLs (common alert schema) the Azure Monitor action group notifies.')
param alertWebhookUrls array = []

@description('Tags for every resource.')
param tags object = {}

var suffix = uniqueString(resourceGroup().id, environmentName)
var prefix = '${namePrefix}-${environmentName}'
var compactPrefix = toLower(replace(namePrefix, '-', ''))
var deploymentContainerName = 'app-package'
// The Azure claim-check store's default container (AzureStorageOptions); the lifecycle rule deletes orphans in it.
var claimCheckContainerName = 'crmbridge-claims'
// Names are computed here, from parameters only, so every module (and What-If) knows them before deployment starts.
var names = {
  storage: take('st${compactPrefix}${environmentName}${suffix}', 24)
  keyVault: take('kv${compactPrefix}${environmentName}${suffix}', 24)
  workspace: 'log-${prefix}'
  appInsights: 'appi-${prefix}'
  plan: 'plan-${prefix}'
  functionApp: 'func-${prefix}-${take(suffix, 6)}'
}
var allTags = union(tags, {
  application: 'CrmBridge'
  environment: environmentName
})

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    retentionInDays: logRetentionDays
    tags: allTags
  }
}

module alerts 'modules/alerts.bicep' = if (monitorAlerts) {
  name: 'alerts'
  params: {
    location: location
    appInsightsName: names.appInsights
    storageAccountName: names.storage
    actionGroupName: 'ag-${prefix}'
    actionGroupShortName: take('crmb${environmentName}', 12)
    emails: alertEmails
    webhookUrls: alertWebhookUrls
    deadLetterThreshold: 1
    pollFailureThreshold: 3
    backlogThreshold: 1000
    tags: allTags
  }
  dependsOn: [
    monitoring
    storage
  ]
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    name: names.storage
    skuName: storageSku
    queueName: queueName
    tableNames: tableNames
    containerNames: [
      claimCheckContainerName
      deploymentContainerName
    ]
    claimCheckContainerName: claimCheckContainerName
    retentionDays: dataRetentionDays
    tags: allTags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    name: names.keyVault
    softDeleteRetentionInDays: keyVaultSoftDeleteDays
    enablePurgeProtection: keyVaultPurgeProtection
    tags: allTags
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    location: location
    planName: names.plan
    name: names.functionApp
    hostingPlan: hostingPlan
    premiumSku: premiumSku
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    appInsightsConnectionString: monitoring.outputs.connectionString
    keyVaultUri: keyVault.outputs.vaultUri
    secretSettings: secretSettings
    appSettings: union(appSettings, {
      QueueName: queueName
      PollSchedule: pollSchedule
      Pipeline__Retention: '${dataRetentionDays}.00:00:00'
      // The admin page trusts the Easy Auth principal only when Easy Auth is configured (module easyauth below).
      Admin__EasyAuth__Enabled: string(!empty(adminClientId))
      Admin__EasyAuth__RequiredRole: adminRole
    })
    tags: allTags
  }
}

module easyAuth 'modules/easyauth.bicep' = if (!empty(adminClientId)) {
  name: 'easyauth'
  dependsOn: [
    functionApp
  ]
  params: {
    functionAppName: names.functionApp
    tenantId: tenant().tenantId
    clientId: adminClientId
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  dependsOn: [
    functionApp
    storage
    keyVault
    monitoring
  ]
  params: {
    functionAppName: names.functionApp
    storageAccountName: names.storage
    keyVaultName: names.keyVault
    appInsightsName: names.appInsights
    operatorPrincipalId: operatorPrincipalId
    operatorPrincipalType: operatorPrincipalType
  }
}

@description('The Function App name (for func azure functionapp publish).')
output functionAppName string = functionApp.outputs.name

@description('The Function App host name.')
output functionAppHostName string = functionApp.outputs.defaultHostName

@description('The storage account name.')
output storageAccountName string = storage.outputs.accountName

@description('The Key Vault name (for az keyvault secret set).')
output keyVaultName string = keyVault.outputs.name
