// Development: Flex Consumption, small scale, short retention. Secret VALUES are never here: after deploying, set
// them with `az keyvault secret set --vault-name <keyVaultName output> --name <secretName> --value ...`.
using './main.bicep'

param environmentName = 'dev'
param hostingPlan = 'FlexConsumption'
param maximumInstanceCount = 10
param instanceMemoryMB = 2048
param alwaysReadyHttpInstances = 0
param storageSku = 'Standard_LRS'
param queueName = 'crmbridge-changes'
param pollSchedule = '0 */5 * * * *'
param logRetentionDays = 30
param keyVaultSoftDeleteDays = 7
param keyVaultPurgeProtection = false
param secretSettings = [
  { setting: 'Connectors__Erp__ApiKey', secretName: 'erp-api-key' }
  { setting: 'Connectors__Erp__WebhookKey', secretName: 'erp-webhook-key' }
  { setting: 'Connectors__Dataverse__ClientSecret', secretName: 'dataverse-client-secret' }
  { setting: 'Connectors__Dataverse__WebhookKey', secretName: 'dataverse-webhook-key' }
  { setting: 'Connectors__Zoho__ClientSecret', secretName: 'zoho-client-secret' }
  { setting: 'Connectors__Zoho__RefreshToken', secretName: 'zoho-refresh-token' }
  { setting: 'Connectors__Zoho__WebhookToken', secretName: 'zoho-webhook-token' }
]
param appSettings = {
  Connectors__Erp__BaseUrl: 'https://erp-dev.example.com/'
  Polling__Targets__0__System: 'erp'
  Polling__Targets__0__Entity: 'salesOrders'
}
param tags = {
  costCenter: 'it-integration'
}
