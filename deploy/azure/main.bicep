// The bot on Azure: an Azure Bot with the Microsoft Teams and Direct Line (Web Chat) channels, the bot's container on
// App Service for Linux, Azure Database for PostgreSQL (flexible server) for state and transcripts, and a Key Vault
// holding every secret, which the app reads through Key Vault references in its app settings.
//
//   az group create --name genai-guide --location westeurope
//   az deployment group create --resource-group genai-guide --template-file deploy/azure/main.bicep \
//     --parameters deploy/azure/main.parameters.json --parameters botAppPassword=<client secret> postgresAdminPassword=<password>
//
// The app registration (botAppId, botAppPassword) is made beforehand in Microsoft Entra ID: its id is also the one the
// Teams package takes (deploy/teams/build-package.sh --bot-id).

targetScope = 'resourceGroup'

@description('Where the resources go (the Azure Bot itself is global).')
param location string = resourceGroup().location

@description('A short prefix for resource names; names that must be unique worldwide get a suffix from the resource group.')
@minLength(3)
@maxLength(16)
param namePrefix string = 'genai-guide'

@description('The container image of the bot, built from deploy/docker/Dockerfile and pushed to a registry the app can pull from.')
param containerImage string

@description('The Microsoft Entra app registration of the bot (MicrosoftAppId).')
param botAppId string

@description('The app registration\'s client secret (MicrosoftAppPassword); stored in Key Vault.')
@secure()
param botAppPassword string

@description('MicrosoftAppType: MultiTenant, or SingleTenant with botTenantId.')
@allowed([
  'MultiTenant'
  'SingleTenant'
])
param botAppType string = 'MultiTenant'

@description('The app registration\'s tenant (MicrosoftAppTenantId); required for SingleTenant.')
param botTenantId string = ''

@description('How the bot introduces itself (Bot:DisplayName) and the Azure Bot\'s display name.')
param botDisplayName string = 'GenAI Guide'

@description('Azure Bot pricing tier: F0 (free, standard channels) or S1.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('App Service plan (Linux). P1v3 or above runs several instances; B1 is enough to try it.')
param appServiceSku string = 'P1v3'

@description('How many instances of the bot; they share the PostgreSQL database.')
@minValue(1)
@maxValue(30)
param instanceCount int = 2

@description('The PostgreSQL administrator login.')
param postgresAdminLogin string = 'chatbot'

@description('The PostgreSQL administrator password; stored in Key Vault as part of the connection string.')
@secure()
param postgresAdminPassword string

@description('PostgreSQL compute: Burstable B1ms is enough for a pilot.')
param postgresSkuName string = 'Standard_B1ms'

@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresSkuTier string = 'Burstable'

@description('Who writes the answers (Llm:Provider): Extractive quotes the sources and needs no model; OpenAI an OpenAI-compatible endpoint (Azure OpenAI).')
@allowed([
  'Extractive'
  'OpenAI'
  'Auto'
])
param llmProvider string = 'Extractive'

@description('Llm:OpenAI:Endpoint, e.g. https://<resource>.openai.azure.com/openai/v1/ (OpenAI only).')
param openAiEndpoint string = ''

@description('Llm:OpenAI:Model, the model or deployment name (OpenAI only).')
param openAiModel string = ''

@description('Llm:OpenAI:ApiKey (OpenAI only); stored in Key Vault.')
@secure()
param openAiApiKey string = ''

@description('Admin:ApiKey for the admin report at /admin (16+ characters); empty leaves it off. Stored in Key Vault.')
@secure()
param adminApiKey string = ''

var suffix = uniqueString(resourceGroup().id)
var webAppName = '${namePrefix}-${suffix}'
// The app's default host name, known before it exists, so the bot's endpoint does not wait on the app.
var webAppHostName = '${webAppName}.azurewebsites.net'
var keyVaultName = take('kv${replace(namePrefix, '-', '')}${suffix}', 24)
var postgresServerName = '${namePrefix}-pg-${suffix}'
var databaseName = 'chatbot'
// Key Vault Secrets User: read secret values, nothing else.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${namePrefix}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2022-12-01' = {
  name: postgresServerName
  location: location
  sku: {
    name: postgresSkuName
    tier: postgresSkuTier
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: {
      storageSizeGB: 32
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2022-12-01' = {
  parent: postgres
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// 0.0.0.0 to 0.0.0.0 is Azure's rule for "services within Azure": the App Service reaches the server without
// a virtual network. Put both in one network for production and remove this rule.
resource allowAzureServices 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2022-12-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
  }
}

// Secret names use '-' where the setting has ':' (Key Vault allows letters, digits and '-').
resource storageConnectionSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'Storage-ConnectionString'
  properties: {
    value: 'Host=${postgres.properties.fullyQualifiedDomainName};Port=5432;Database=${databaseName};Username=${postgresAdminLogin};Password=${postgresAdminPassword};SSL Mode=Require'
  }
}

resource appPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'MicrosoftAppPassword'
  properties: {
    value: botAppPassword
  }
}

resource directLineSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'DirectLine-AzureSecret'
  properties: {
    value: directLineChannel.listChannelWithKeys().properties.properties.sites[0].key
  }
}

resource openAiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(openAiApiKey)) {
  parent: vault
  name: 'Llm-OpenAI-ApiKey'
  properties: {
    value: openAiApiKey
  }
}

resource adminKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(adminApiKey)) {
  parent: vault
  name: 'Admin-ApiKey'
  properties: {
    value: adminApiKey
  }
}

// A Key Vault reference by vault and secret name: the app resolves it at run time with its own identity (always the
// latest version), so the settings can be written before the secrets exist.
func keyVaultReference(vaultName string, secretName string) string => '@Microsoft.KeyVault(VaultName=${vaultName};SecretName=${secretName})'

var baseSettings = {
  // App Service sends traffic to the port the image listens on.
  WEBSITES_PORT: '8080'
  ASPNETCORE_HTTP_PORTS: '8080'
  MicrosoftAppId: botAppId
  MicrosoftAppType: botAppType
  MicrosoftAppTenantId: botTenantId
  MicrosoftAppPassword: keyVaultReference(keyVaultName, 'MicrosoftAppPassword')
  Bot__DisplayName: botDisplayName
  Storage__Provider: 'Postgres'
  Storage__ConnectionString: keyVaultReference(keyVaultName, 'Storage-ConnectionString')
  DirectLine__AzureSecret: keyVaultReference(keyVaultName, 'DirectLine-AzureSecret')
  Llm__Provider: llmProvider
}
var openAiSettings = llmProvider == 'Extractive' ? {} : {
  Llm__OpenAI__Endpoint: openAiEndpoint
  Llm__OpenAI__Model: openAiModel
}
var openAiKeySettings = empty(openAiApiKey) ? {} : {
  Llm__OpenAI__ApiKey: keyVaultReference(keyVaultName, 'Llm-OpenAI-ApiKey')
}
var adminSettings = empty(adminApiKey) ? {} : {
  Admin__ApiKey: keyVaultReference(keyVaultName, 'Admin-ApiKey')
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux,container'
  identity: {
    type: 'SystemAssigned'
  }
  // Secrets first, so the references resolve on the first start.
  dependsOn: [
    appPasswordSecret
    storageConnectionSecret
    directLineSecret
    openAiKeySecret
    adminKeySecret
  ]
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'DOCKER|${containerImage}'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [for setting in items(union(baseSettings, openAiSettings, openAiKeySettings, adminSettings)): {
        name: setting.key
        value: setting.value
      }]
    }
  }
}

// The app's identity may read the vault's secrets: that is how the Key Vault references above resolve.
resource siteReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, site.id, keyVaultSecretsUserRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: site.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${namePrefix}-bot-${suffix}'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webAppHostName}/api/messages'
    msaAppId: botAppId
    msaAppType: botAppType
    msaAppTenantId: botAppType == 'SingleTenant' ? botTenantId : null
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// Web Chat on your own page goes through Direct Line: the app's /api/directline/token exchanges this site's key
// (DirectLine__AzureSecret, from Key Vault) for a conversation token, so the page never sees the key.
resource directLineChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'DirectLineChannel'
  location: 'global'
  properties: {
    channelName: 'DirectLineChannel'
    properties: {
      sites: [
        {
          siteName: 'Default Site'
          isEnabled: true
          isV1Enabled: false
          isV3Enabled: true
          isSecureSiteEnabled: false
        }
      ]
    }
  }
}

@description('The bot\'s messaging endpoint, as the Azure Bot has it.')
output messagingEndpoint string = bot.properties.endpoint

@description('The app\'s host name: the --domain of deploy/teams/build-package.sh.')
output appHostName string = site.properties.defaultHostName

@description('The app registration id: the --bot-id of deploy/teams/build-package.sh.')
output botAppId string = botAppId

output keyVaultName string = vault.name
output postgresServer string = postgres.properties.fullyQualifiedDomainName
