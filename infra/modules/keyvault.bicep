// Key Vault for connector secrets (client secrets, refresh tokens, API keys, webhook secrets).
// Access is Azure RBAC only: the Function App reads secrets as Key Vault Secrets User through Key Vault references in
// its app settings (@Microsoft.KeyVault(SecretUri=...)); operators set values with `az keyvault secret set`.
// Secret values never pass through this template, its parameters files or the deployment history.

@description('Azure region.')
param location string

@description('Key Vault name (3-24 characters, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Days a deleted secret stays recoverable.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Purge protection (recommended for production; cannot be turned off once on).')
param enablePurgeProtection bool

@description('Tags for every resource.')
param tags object

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // ARM accepts only true or null here: null leaves purge protection off.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

@description('The vault name.')
output name string = vault.name

@description('The vault URI, e.g. https://<name>.vault.azure.net/.')
output vaultUri string = vault.properties.vaultUri
