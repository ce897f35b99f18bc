// The CrmBridge Function App (.NET 10 isolated worker on Linux) on Flex Consumption (default) or Elastic Premium.
// Identity-based connections only: AzureWebJobsStorage__* names the service URIs and `managedidentity`, so no account
// key or connection string sits in the app settings. Connector secrets are Key Vault references.

@description('Azure region.')
param location string

@description('Hosting plan name.')
param planName string

@description('Function App name (globally unique host name).')
param name string

@description('Flex Consumption (serverless, per-function scale, VNet-capable) or Elastic Premium (always-ready instances, no cold start).')
@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
param hostingPlan string

@description('Elastic Premium SKU (used only with hostingPlan = ElasticPremium).')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param premiumSku string

@description('Flex: most instances; Premium: most elastic workers.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Flex Consumption instance memory in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Flex Consumption: instances kept warm for the HTTP functions (webhooks answer without cold start); 0 = none.')
@minValue(0)
@maxValue(20)
param alwaysReadyHttpInstances int

@description('The storage account blob endpoint (ends with /).')
param blobEndpoint string

@description('The storage account queue endpoint (ends with /).')
param queueEndpoint string

@description('The storage account table endpoint (ends with /).')
param tableEndpoint string

@description('The blob container holding the deployment package.')
param deploymentContainerName string

@description('Application Insights connection string.')
param appInsightsConnectionString string

@description('Key Vault URI (ends with /).')
param keyVaultUri string

@description('App settings whose values are Key Vault secrets: setting name -> secret name.')
param secretSettings secretSettingList

@description('Non-secret app settings (queue name, poll schedule, connector endpoints, polling targets).')
param appSettings object

@description('Tags for every resource.')
param tags object

@description('One app setting served from Key Vault.')
type secretSetting = {
  @description('The app setting name, e.g. Connectors__Erp__ApiKey.')
  setting: string
  @description('The Key Vault secret name, e.g. erp-api-key.')
  secretName: string
}

type secretSettingList = secretSetting[]

var isFlex = hostingPlan == 'FlexConsumption'

// The Functions host's own storage (triggers, timers' singleton locks, keys) through the managed identity.
var identityStorageSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__blobServiceUri: blobEndpoint
  AzureWebJobsStorage__queueServiceUri: queueEndpoint
  AzureWebJobsStorage__tableServiceUri: tableEndpoint
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  // Local auth is off on the Application Insights resource: publish telemetry with the managed identity.
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
}

// Flex Consumption takes runtime and deployment from functionAppConfig and rejects these settings; Premium needs them.
// Premium runs from a package blob read with the identity (no Azure Files content share, which would need a key).
var premiumSettings = isFlex
  ? {}
  : {
      FUNCTIONS_EXTENSION_VERSION: '~4'
      FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'
      WEBSITE_RUN_FROM_PACKAGE: '${blobEndpoint}${deploymentContainerName}/crmbridge-functions.zip'
      WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID: 'SystemAssigned'
    }

var keyVaultSettings = toObject(
  secretSettings,
  s => s.setting,
  s => '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${s.secretName}/)'
)

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: isFlex ? 'functionapp' : 'elastic'
  sku: isFlex
    ? {
        name: 'FC1'
        tier: 'FlexConsumption'
      }
    : {
        name: premiumSku
        tier: 'ElasticPremium'
      }
  properties: {
    reserved: true
    maximumElasticWorkerCount: isFlex ? null : maximumInstanceCount
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    functionAppConfig: isFlex
      ? {
          deployment: {
            storage: {
              type: 'blobContainer'
              value: '${blobEndpoint}${deploymentContainerName}'
              authentication: {
                type: 'SystemAssignedIdentity'
              }
            }
          }
          scaleAndConcurrency: {
            maximumInstanceCount: maximumInstanceCount
            instanceMemoryMB: instanceMemoryMB
            alwaysReady: alwaysReadyHttpInstances > 0
              ? [
                  {
                    name: 'http'
                    instanceCount: alwaysReadyHttpInstances
                  }
                ]
              : []
          }
          runtime: {
            name: 'dotnet-isolated'
            version: '10.0'
          }
        }
      : null
    siteConfig: {
      linuxFxVersion: isFlex ? null : 'DOTNET-ISOLATED|10.0'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
  }
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(appSettings, identityStorageSettings, premiumSettings, keyVaultSettings)
}

// No FTP or basic-auth SCM publishing: deploy with Entra ID (az / func CLI) or the package blob.
resource ftpPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

@description('The Function App name.')
output name string = site.name

@description('The system-assigned identity principal id (for role assignments).')
output principalId string = site.identity.principalId

@description('The default host name.')
output defaultHostName string = site.properties.defaultHostName
