// Production: Elastic Premium (always-ready instances: webhooks answer without cold start), zone-redundant storage,
// longer retention and Key Vault purge protection. Secret VALUES are never here (see main.dev.bicepparam).
using './main.bicep'

param environmentName = 'prod'
param hostingPlan = 'ElasticPremium'
param premiumSku = 'EP1'
param maximumInstanceCount = 20
param storageSku = 'Standard_ZRS'
param queueName = 'crmbridge-changes'
param pollSchedule = '0 */2 * * * *'
param logRetentionDays = 90
param keyVaultSoftDeleteDays = 90
param keyVaultPurgeProtection = true
param secretSettings = [
  { setting: 'Connectors__Erp__ApiKey', secretName: 'erp-api-key' }
  { setting: 'Connectors__Erp__WebhookKey', secretName: 'erp-webhook-key' }
  { setting: 'Connectors__Dataverse__ClientSecret', secretName: 'dataverse-client-secret' }
  { setting: 'Connectors__Dataverse__WebhookSecret', secretName: 'dataverse-webhook-secret' }
]
param appSettings = {
  Mappings__Path: 'mappings/dataverse'
  Connectors__Erp__BaseUrl: 'https://erp.example.com/'
  Connectors__Dataverse__EnvironmentUrl: 'https://contoso.crm.dynamics.com/'
  Connectors__Dataverse__TenantId: '00000000-0000-0000-0000-000000000000'
  Connectors__Dataverse__ClientId: '00000000-0000-0000-0000-000000000000'
  Polling__Targets__0__System: 'erp'
  Polling__Targets__0__Entity: 'salesOrders'
  Polling__Targets__1__System: 'erp'
  Polling__Targets__1__Entity: 'cases'
}
param operatorPrincipalType = 'Group'
param tags = {
  costCenter: 'it-integration'
}
