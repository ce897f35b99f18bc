// Azure Monitor alternative to the bridge's own push alerts (docs/alerts.md): an action group and alert rules for the
// same signals, on the Application Insights logs the app writes ([LoggerMessage] texts of PipelineLog and of connection
// health, event 7501) and on the storage queue metric. autoMitigate sends one "fired" and one "resolved" notification per outage.

@description('Azure region of the log alert rules.')
param location string

@description('Application Insights the Function App writes to.')
param appInsightsName string

@description('Storage account holding the changes queue.')
param storageAccountName string

@description('Action group name.')
param actionGroupName string

@description('Action group short name (at most 12 characters, shown in SMS and email).')
@maxLength(12)
param actionGroupShortName string

@description('Email addresses notified by the action group.')
param emails array

@description('Webhook URLs (common alert schema) notified by the action group, e.g. a Logic App that posts to Teams.')
param webhookUrls array

@description('New dead letters in a window that raise an alert.')
@minValue(1)
param deadLetterThreshold int

@description('Failed polls in 15 minutes that raise an alert.')
@minValue(1)
param pollFailureThreshold int

@description('Queued changes that, kept for 30 minutes, raise a backlog alert.')
@minValue(1)
param backlogThreshold int

@description('Tags for every resource.')
param tags object

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' existing = {
  parent: storage
  name: 'default'
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: actionGroupShortName
    enabled: true
    emailReceivers: [for (email, i) in emails: {
      name: 'email-${i}'
      emailAddress: email
      useCommonAlertSchema: true
    }]
    webhookReceivers: [for (url, i) in webhookUrls: {
      name: 'webhook-${i}'
      serviceUri: url
      useCommonAlertSchema: true
    }]
  }
}

var logRules = [
  {
    name: 'dead-letters'
    description: 'New dead letters (failed records) in the last 10 minutes; see crmbridge deadletters / the admin API.'
    severity: 2
    window: 'PT10M'
    frequency: 'PT5M'
    query: 'traces | where message has " dead-lettered: "'
    threshold: deadLetterThreshold - 1
  }
  {
    name: 'circuit-open'
    description: 'A target system\'s circuit opened: deliveries wait until it answers again.'
    severity: 1
    window: 'PT5M'
    frequency: 'PT5M'
    query: 'traces | where message startswith "Circuit of target" and message has " is now Open"'
    threshold: 0
  }
  {
    name: 'authentication-failing'
    description: 'A system refuses the bridge\'s credentials (401/403, invalid token): renew the secret or consent.'
    severity: 1
    window: 'PT15M'
    frequency: 'PT5M'
    query: 'traces | where message has_any ("dead-lettered: HTTP_401", "dead-lettered: HTTP_403", "dead-lettered: UNAUTHORIZED", "dead-lettered: INVALID_TOKEN", "failed: HTTP_401", "failed: INVALID_TOKEN")'
    threshold: 0
  }
  {
    // Connection health (event 7501, logged once when a connection turns bad): a refused token request (revoked refresh
    // token, expired client secret, wrong data centre) or 401/403 from the API, with the one-line fix in the message.
    name: 'connection-authentication'
    description: 'A connection cannot authenticate (token endpoint refused, 401/403): the alert text says what to renew.'
    severity: 1
    window: 'PT15M'
    frequency: 'PT5M'
    query: 'traces | where message startswith "Connection " and message has " Authentication: "'
    threshold: 0
  }
  {
    name: 'push-channel'
    description: 'A push channel (Zoho notification channel, Business Central subscription) expired, or pushes stopped while polling still finds changes.'
    severity: 2
    window: 'PT15M'
    frequency: 'PT5M'
    query: 'traces | where message startswith "Connection " and (message has " PushChannelExpired: " or message has " PushSilent: ")'
    threshold: 0
  }
  {
    name: 'poll-failing'
    description: 'Polling a system failed repeatedly: change detection is not advancing.'
    severity: 2
    window: 'PT15M'
    frequency: 'PT5M'
    query: 'traces | where message startswith "Polling " and message has " failed: "'
    threshold: pollFailureThreshold - 1
  }
]

resource logAlerts 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [for rule in logRules: {
  name: '${actionGroupName}-${rule.name}'
  location: location
  tags: tags
  properties: {
    displayName: 'CrmBridge ${rule.name}'
    description: rule.description
    severity: rule.severity
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: rule.frequency
    windowSize: rule.window
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: rule.query
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: rule.threshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}]

resource backlogAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${actionGroupName}-backlog'
  location: 'global'
  tags: tags
  properties: {
    description: 'The changes queue has held more than the threshold for 30 minutes: check circuits and dead letters.'
    severity: 2
    enabled: true
    scopes: [
      queueService.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT30M'
    autoMitigate: true
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'backlog'
          metricNamespace: 'Microsoft.Storage/storageAccounts/queueServices'
          metricName: 'QueueMessageCount'
          operator: 'GreaterThan'
          threshold: backlogThreshold
          timeAggregation: 'Minimum'
        }
      ]
    }
    actions: [
      {
        actionGroupId: actionGroup.id
      }
    ]
  }
}

@description('The action group id (add receivers such as SMS or ITSM to it).')
output actionGroupId string = actionGroup.id
