// Development: Flex Consumption, small scale, short retention. This example syncs Dataverse with the reference ERP
// (Mappings__Path picks the shipped mappings/dataverse); for Zoho or Fxiaoke swap the Connectors__* settings, the
// secrets (zoho-client-secret/refresh-token/notification-token, fxiaoke-app-secret/permanent-code) and Mappings__Path.
// Secret VALUES are never here: after deploying, set them with
// `az keyvault secret set --vault-name <keyVaultName output> --name <secretName> --value ...`.
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
  { setting: 'Connectors__Dataverse__WebhookSecret', secretName: 'dataverse-webhook-secret' }
]
param appSettings = {
  Mappings__Path: 'mappings/dataverse'
  Connectors__Erp__BaseUrl: 'https://erp-dev.example.com/'
  Connectors__Dataverse__EnvironmentUrl: 'https://contoso-dev.crm.dynamics.com/'
  Connectors__Dataverse__TenantId: '00000000-0000-0000-0000-000000000000'
  Connectors__Dataverse__ClientId: '00000000-0000-0000-0000-000000000000'
  Polling__Targets__0__System: 'erp'
  Polling__Targets__0__Entity: 'salesOrders'
  Polling__Targets__1__System: 'erp'
  Polling__Targets__1__Entity: 'cases'
}
param tags = {
  costCenter: 'it-integration'
}
