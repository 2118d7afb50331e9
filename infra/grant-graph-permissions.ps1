<#
.SYNOPSIS
  Grants Cohort Coach's identity the Microsoft Graph permissions its features need, once per tenant,
  run by a tenant admin. Nothing in Cohort Coach works around a missing grant: the feature stays off
  and the tab says so.

.DESCRIPTION
  The permissions come from infra/graph-permissions.json (the one list the Entra app manifest and the
  README follow too). For each feature asked for, this script:
    1. assigns each Graph application permission (app role) to the service principal of the identity
       that calls Graph: the user-assigned managed identity in Azure (GRAPH_AUTH=managed-identity), or
       the app registration GRAPH_APP_CLIENT_ID otherwise; assignments that exist are left alone;
    2. for live sessions, creates the Teams application access policy that online meetings and their
       attendance reports require with application permissions, and grants it to the facilitators
       named (or to the whole tenant with -Global).

  Needs the Microsoft.Graph PowerShell modules (Applications) and, for live sessions, MicrosoftTeams.

.EXAMPLE
  ./infra/grant-graph-permissions.ps1 -ClientId <managed identity client id> -Features live-sessions -FacilitatorUpns ana@contoso.com,ben@contoso.com
.EXAMPLE
  ./infra/grant-graph-permissions.ps1 -ClientId <managed identity client id> -Features measured-usage,live-sessions -Global
#>
param(
  [Parameter(Mandatory = $true)] [string] $ClientId,
  [Parameter(Mandatory = $true)] [ValidateSet("measured-usage", "live-sessions")] [string[]] $Features,
  [string[]] $FacilitatorUpns = @(),
  [switch] $Global
)
$ErrorActionPreference = "Stop"
$GraphAppId = "00000003-0000-0000-c000-000000000000"
$PolicyName = "Cohort-Coach-Live-Sessions"

$list = Get-Content -Raw -Path (Join-Path $PSScriptRoot "graph-permissions.json") | ConvertFrom-Json
$wanted = $list.permissions | Where-Object { $Features -contains $_.feature }

Connect-MgGraph -Scopes "AppRoleAssignment.ReadWrite.All", "Application.Read.All" -NoWelcome
$graph = Get-MgServicePrincipal -Filter "appId eq '$GraphAppId'"
$identity = Get-MgServicePrincipal -Filter "appId eq '$ClientId'"
if (-not $identity) { throw "No service principal has the client id $ClientId in this tenant." }
$existing = Get-MgServicePrincipalAppRoleAssignment -ServicePrincipalId $identity.Id -All

foreach ($permission in $wanted) {
  $role = $graph.AppRoles | Where-Object { $_.Value -eq $permission.name -and $_.AllowedMemberTypes -contains "Application" }
  if (-not $role) { throw "Microsoft Graph has no application permission named $($permission.name)." }
  if ($existing | Where-Object { $_.AppRoleId -eq $role.Id -and $_.ResourceId -eq $graph.Id }) {
    Write-Host "already granted: $($permission.name)"
    continue
  }
  New-MgServicePrincipalAppRoleAssignment -ServicePrincipalId $identity.Id -PrincipalId $identity.Id -ResourceId $graph.Id -AppRoleId $role.Id | Out-Null
  Write-Host "granted: $($permission.name) ($($permission.usedFor))"
}

if ($wanted | Where-Object { $_.accessPolicy }) {
  if (-not $Global -and $FacilitatorUpns.Count -eq 0) {
    throw "Live sessions read online meetings on facilitators' behalf: name them with -FacilitatorUpns, or use -Global."
  }
  Connect-MicrosoftTeams | Out-Null
  if (-not (Get-CsApplicationAccessPolicy -Identity $PolicyName -ErrorAction SilentlyContinue)) {
    New-CsApplicationAccessPolicy -Identity $PolicyName -AppIds $ClientId -Description "Cohort Coach: live sessions' online meetings and attendance reports" | Out-Null
  }
  if ($Global) {
    Grant-CsApplicationAccessPolicy -PolicyName $PolicyName -Global
  } else {
    foreach ($upn in $FacilitatorUpns) { Grant-CsApplicationAccessPolicy -PolicyName $PolicyName -Identity $upn }
  }
  Write-Host "application access policy $PolicyName granted (it can take up to 30 minutes to apply)"
}
Write-Host "Done. Cohort Coach retries within the hour and the tab shows the feature as on."
