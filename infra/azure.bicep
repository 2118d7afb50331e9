// Cohort Coach in Azure: one Linux App Service (Node 24 LTS) running the bot, the API and the tab;
// Azure Cosmos DB for NoSQL for all data; an Azure Bot registration with the Teams channel; and
// Application Insights. The app reaches Cosmos DB and the Bot Framework with a user-assigned
// managed identity: there are no account keys or bot passwords in app settings.
//
// Check it with `az bicep build --file infra/azure.bicep` where the Bicep compiler is available.

@minLength(4)
@maxLength(20)
@description('Used to name every resource.')
param resourceBaseName string

param location string = resourceGroup().location

@allowed(['Serverless', 'Autoscale'])
@description('Serverless suits pilots and most organisations (pay per request); Autoscale suits sustained large fan-outs.')
param cosmosCapacityMode string = 'Serverless'

@minValue(1000)
@description('Autoscale maximum RU/s for the database (only with cosmosCapacityMode = Autoscale).')
param cosmosAutoscaleMaxThroughput int = 4000

@description('App Service plan SKU. B1 is enough for a pilot; use P0v3 or above for production.')
param webAppSku string = 'B1'

@description('Client id of the Entra app registration used for tab SSO (from aadApp/create).')
param aadAppClientId string

@description('Tenant of that registration.')
param aadAppTenantId string = subscription().tenantId

param botDisplayName string = 'Cohort Coach'

@description('Comma-separated Entra object ids of the first admins (more come from the CohortCoach.Admin app role).')
param adminUserIds string = ''

var cosmosDatabaseName = 'cohort-coach'

// Keep in step with bot/src/store/containers.ts; a test compares the two.
var containers = [
  {
    name: 'tenants'
    partitionKeyPath: '/tenantId'
    excludedPaths: ['/sections/*', '/conversationReference/*']
    defaultTtl: null
  }
  {
    name: 'cohortRecords'
    partitionKeyPath: '/cohortKey'
    excludedPaths: ['/tried/?', '/worked/?', '/stuck/?', '/text/?', '/answer/?', '/context/?', '/deliverable/?', '/usedFor/?']
    defaultTtl: null
  }
  {
    name: 'deliveries'
    partitionKeyPath: '/cohortKey'
    excludedPaths: ['/failureReason/?']
    defaultTtl: null
  }
  {
    name: 'leases'
    partitionKeyPath: '/id'
    excludedPaths: []
    defaultTtl: -1
  }
  {
    // Anonymous questions only, apart from everything identifiable (see bot/src/store/containers.ts).
    name: 'anonymousQuestions'
    partitionKeyPath: '/cohortKey'
    excludedPaths: ['/text/?', '/answer/?']
    defaultTtl: null
  }
]

var webAppName = '${resourceBaseName}-app'
var webAppHost = '${webAppName}.azurewebsites.net'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-identity'
  location: location
}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${resourceBaseName}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
  }
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: '${resourceBaseName}-cosmos'
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    locations: [
      { locationName: location, failoverPriority: 0, isZoneRedundant: false }
    ]
    capabilities: cosmosCapacityMode == 'Serverless' ? [{ name: 'EnableServerless' }] : []
    // Data access only through Entra ID (the managed identity); account keys are switched off.
    disableLocalAuth: true
    minimalTlsVersion: 'Tls12'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: cosmos
  name: cosmosDatabaseName
  properties: {
    resource: { id: cosmosDatabaseName }
    options: cosmosCapacityMode == 'Autoscale' ? { autoscaleSettings: { maxThroughput: cosmosAutoscaleMaxThroughput } } : {}
  }
}

resource cosmosContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [
  for c in containers: {
    parent: database
    name: c.name
    properties: {
      resource: union(
        {
          id: c.name
          partitionKey: { paths: [c.partitionKeyPath], kind: 'Hash', version: 2 }
          indexingPolicy: {
            indexingMode: 'consistent'
            automatic: true
            includedPaths: [{ path: '/*' }]
            excludedPaths: concat([{ path: '/"_etag"/?' }], map(c.excludedPaths, p => { path: p }))
          }
        },
        c.defaultTtl == null ? {} : { defaultTtl: c.defaultTtl }
      )
    }
  }
]

// Cosmos DB Built-in Data Contributor: read and write items, nothing else.
resource cosmosDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: cosmos
  name: guid(cosmos.id, identity.id, '00000000-0000-0000-0000-000000000002')
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
    principalId: identity.properties.principalId
    scope: cosmos.id
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: { name: webAppSku }
  properties: { reserved: true }
}

resource webApp 'Microsoft.Web/sites@2024-04-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|24-lts'
      appCommandLine: 'node dist/bot/index.js'
      alwaysOn: true
      http20Enabled: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      healthCheckPath: '/healthz'
      appSettings: [
        { name: 'NODE_ENV', value: 'production' }
        { name: 'HOST', value: '0.0.0.0' }
        { name: 'PUBLIC_URL', value: 'https://${webAppHost}' }
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
        { name: 'COSMOS_ENDPOINT', value: cosmos.properties.documentEndpoint }
        { name: 'COSMOS_DATABASE', value: cosmosDatabaseName }
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'BOT_ID', value: identity.properties.clientId }
        { name: 'BOT_TYPE', value: 'UserAssignedMSI' }
        { name: 'BOT_TENANT_ID', value: identity.properties.tenantId }
        { name: 'AAD_APP_CLIENT_ID', value: aadAppClientId }
        { name: 'AAD_APP_ID_URI', value: 'api://${webAppHost}/${aadAppClientId}' }
        { name: 'ALLOWED_TENANT_IDS', value: aadAppTenantId }
        { name: 'ADMIN_USER_IDS', value: adminUserIds }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
      ]
    }
  }
}

// The bot's identity is the same user-assigned managed identity: no app password exists.
resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${resourceBaseName}-bot'
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'F0' }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webAppHost}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
    msaAppType: 'UserAssignedMSI'
    developerAppInsightKey: appInsights.properties.InstrumentationKey
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// Names follow the Teams Toolkit convention: arm/deploy writes each output to env/.env.<env>.
output BOT_ID string = identity.properties.clientId
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webAppHost
output TAB_DOMAIN string = webAppHost
output TAB_ENDPOINT string = 'https://${webAppHost}'
output COSMOS_ENDPOINT string = cosmos.properties.documentEndpoint
output AZURE_CLIENT_ID string = identity.properties.clientId
