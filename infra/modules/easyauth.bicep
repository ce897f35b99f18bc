// App Service Authentication (Easy Auth) for the admin page at /api/crmbridge/ui/ (docs/admin.md): Entra ID signs the
// admin in; the page requires the app role Admin:EasyAuth:RequiredRole. Unauthenticated requests are let through
// (AllowAnonymous) because the webhooks and the key-protected JSON endpoints authenticate themselves; Easy Auth still
// strips a caller's own X-MS-CLIENT-PRINCIPAL header, which is why the page trusts it only when Easy Auth is on.
//
// The app registration (created once by an Entra admin, not by this template):
//   1. App registrations → New: redirect URI https://<app>.azurewebsites.net/.auth/login/aad/callback (Web).
//   2. App roles → Create: display name "CrmBridge admin", value CrmBridge.Admin, allowed member types Users/Groups.
//   3. Enterprise applications → the app → Users and groups: assign the role to the admins.
//   4. Certificates & secrets: a client secret, stored in Key Vault and referenced by the app setting
//      MICROSOFT_PROVIDER_AUTHENTICATION_SECRET (add it to secretSettings).

@description('The Function App.')
param functionAppName string

@description('The Entra ID tenant of the app registration.')
param tenantId string

@description('The app registration\'s client (application) id.')
param clientId string

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource auth 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenantId}/v2.0'
          clientId: clientId
          clientSecretSettingName: 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET'
        }
        validation: {
          allowedAudiences: [
            'api://${clientId}'
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: true
      }
    }
  }
}
