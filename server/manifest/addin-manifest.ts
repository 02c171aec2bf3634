/**
 * The Excel add-in's manifest for one public address of the service: every address in it (pages,
 * icons, AppDomain, the planners' help page) is built here from that one origin, so a Permanent
 * Secretariat that deploys PAC on its own server never edits XML. Used by `pac manifest`, by
 * `GET /addin/manifest.xml` (for PAC_PUBLIC_URL), and for the repository's manifest.xml, which is
 * this function's output for the development address (tests/project/manifest.test.ts holds them
 * equal). The XML is valid against Microsoft's published schema (same test, with xmllint).
 */
import { readFileSync } from 'node:fs';
import { escapeHtml } from '#core';
import { HELP_PATH } from '../help/help-page.ts';

/** The address of `npm run addin:https`, which the repository's manifest.xml points at. */
export const DEV_PUBLIC_URL = 'https://localhost:3000';
/**
 * The add-in's identity in Office. A ministry or secretariat that deploys its own copy gives it a
 * new one (`pac manifest --id`), so that Office never mixes it up with another deployment.
 */
export const DEV_ADDIN_ID = '6f1d2c3a-8b4e-4f0a-9c61-2a7d5e0b9c14';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(text: string): boolean {
  return GUID.test(text);
}

/** Office wants four numbers; the package's version and a zero. A new release must raise it. */
function manifestVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return `${pkg.version}.0`;
}

export interface ManifestOptions {
  /** The service's public origin, already checked by parsePublicUrl (no trailing slash). */
  url: string;
  /** The add-in's Id (a GUID); the development one by default. */
  id?: string | undefined;
}

export function addinManifest(options: ManifestOptions): string {
  const u = escapeHtml(options.url);
  const id = options.id ?? DEV_ADDIN_ID;
  if (!isGuid(id)) throw new Error(`Not a GUID: ${id}`);
  const version = manifestVersion();
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!-- PAC, the Excel task-pane add-in: French first (DefaultLocale fr-FR), English overrides.
     Written by the command "pac manifest" (server/manifest/addin-manifest.ts) for the address
     in SourceLocation: generate it again for another address rather than editing it. -->
<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0"
  xmlns:ov="http://schemas.microsoft.com/office/taskpaneappversionoverrides" xsi:type="TaskPaneApp">
  <Id>${id}</Id>
  <Version>${version}</Version>
  <ProviderName>PAC — Secrétariat permanent PNLEVT</ProviderName>
  <DefaultLocale>fr-FR</DefaultLocale>
  <DisplayName DefaultValue="PAC – Plan d'action chiffré">
    <Override Locale="en-US" Value="PAC – Costed action plan"/>
  </DisplayName>
  <Description DefaultValue="Remplit, vérifie et transmet le retour chiffré de votre ministère pour le plan d'action PNLEVT 2021–2025.">
    <Override Locale="en-US" Value="Fills in, checks and sends your ministry's costed return for the PNLEVT 2021–2025 action plan."/>
  </Description>
  <IconUrl DefaultValue="${u}/addin/assets/icon-32.png"/>
  <HighResolutionIconUrl DefaultValue="${u}/addin/assets/icon-64.png"/>
  <SupportUrl DefaultValue="${u}${HELP_PATH}"/>
  <AppDomains>
    <AppDomain>${u}</AppDomain>
  </AppDomains>
  <Hosts>
    <Host Name="Workbook"/>
  </Hosts>
  <Requirements>
    <Sets DefaultMinVersion="1.8">
      <Set Name="ExcelApi" MinVersion="1.8"/>
    </Sets>
  </Requirements>
  <DefaultSettings>
    <SourceLocation DefaultValue="${u}/addin/taskpane.html"/>
  </DefaultSettings>
  <Permissions>ReadWriteDocument</Permissions>
  <VersionOverrides xmlns="http://schemas.microsoft.com/office/taskpaneappversionoverrides" xsi:type="VersionOverridesV1_0">
    <Hosts>
      <Host xsi:type="Workbook">
        <DesktopFormFactor>
          <GetStarted>
            <Title resid="GetStarted.Title"/>
            <Description resid="GetStarted.Description"/>
            <LearnMoreUrl resid="GetStarted.LearnMoreUrl"/>
          </GetStarted>
          <FunctionFile resid="Commands.Url"/>
          <ExtensionPoint xsi:type="PrimaryCommandSurface">
            <CustomTab id="PAC.Tab">
              <Group id="PAC.Group">
                <Label resid="Group.Label"/>
                <Icon>
                  <bt:Image size="16" resid="Icon.16x16"/>
                  <bt:Image size="32" resid="Icon.32x32"/>
                  <bt:Image size="80" resid="Icon.80x80"/>
                </Icon>
                <Control xsi:type="Button" id="PAC.OpenPane">
                  <Label resid="OpenPane.Label"/>
                  <Supertip>
                    <Title resid="OpenPane.Label"/>
                    <Description resid="OpenPane.Tooltip"/>
                  </Supertip>
                  <Icon>
                    <bt:Image size="16" resid="Icon.16x16"/>
                    <bt:Image size="32" resid="Icon.32x32"/>
                    <bt:Image size="80" resid="Icon.80x80"/>
                  </Icon>
                  <Action xsi:type="ShowTaskpane">
                    <TaskpaneId>PAC.Pane</TaskpaneId>
                    <SourceLocation resid="Taskpane.Url"/>
                  </Action>
                </Control>
                <Control xsi:type="Button" id="PAC.Check">
                  <Label resid="Check.Label"/>
                  <Supertip>
                    <Title resid="Check.Label"/>
                    <Description resid="Check.Tooltip"/>
                  </Supertip>
                  <Icon>
                    <bt:Image size="16" resid="Check.16x16"/>
                    <bt:Image size="32" resid="Check.32x32"/>
                    <bt:Image size="80" resid="Check.80x80"/>
                  </Icon>
                  <Action xsi:type="ShowTaskpane">
                    <TaskpaneId>PAC.Pane</TaskpaneId>
                    <SourceLocation resid="TaskpaneCheck.Url"/>
                  </Action>
                </Control>
              </Group>
              <Label resid="Tab.Label"/>
            </CustomTab>
          </ExtensionPoint>
        </DesktopFormFactor>
      </Host>
    </Hosts>
    <Resources>
      <bt:Images>
        <bt:Image id="Icon.16x16" DefaultValue="${u}/addin/assets/icon-16.png"/>
        <bt:Image id="Icon.32x32" DefaultValue="${u}/addin/assets/icon-32.png"/>
        <bt:Image id="Icon.80x80" DefaultValue="${u}/addin/assets/icon-80.png"/>
        <bt:Image id="Check.16x16" DefaultValue="${u}/addin/assets/check-16.png"/>
        <bt:Image id="Check.32x32" DefaultValue="${u}/addin/assets/check-32.png"/>
        <bt:Image id="Check.80x80" DefaultValue="${u}/addin/assets/check-80.png"/>
      </bt:Images>
      <bt:Urls>
        <bt:Url id="GetStarted.LearnMoreUrl" DefaultValue="${u}${HELP_PATH}"/>
        <bt:Url id="Commands.Url" DefaultValue="${u}/addin/commands.html"/>
        <bt:Url id="Taskpane.Url" DefaultValue="${u}/addin/taskpane.html"/>
        <bt:Url id="TaskpaneCheck.Url" DefaultValue="${u}/addin/taskpane.html?action=check"/>
      </bt:Urls>
      <bt:ShortStrings>
        <bt:String id="GetStarted.Title" DefaultValue="PAC est prêt">
          <bt:Override Locale="en-US" Value="PAC is ready"/>
        </bt:String>
        <bt:String id="Tab.Label" DefaultValue="PAC">
          <bt:Override Locale="en-US" Value="PAC"/>
        </bt:String>
        <bt:String id="Group.Label" DefaultValue="Plan d'action chiffré">
          <bt:Override Locale="en-US" Value="Costed action plan"/>
        </bt:String>
        <bt:String id="OpenPane.Label" DefaultValue="Ouvrir PAC">
          <bt:Override Locale="en-US" Value="Open PAC"/>
        </bt:String>
        <bt:String id="Check.Label" DefaultValue="Vérifier">
          <bt:Override Locale="en-US" Value="Check"/>
        </bt:String>
      </bt:ShortStrings>
      <bt:LongStrings>
        <bt:String id="GetStarted.Description" DefaultValue="Ouvrez l'onglet PAC puis « Ouvrir PAC » pour préparer, vérifier et transmettre votre retour.">
          <bt:Override Locale="en-US" Value="Open the PAC tab, then &quot;Open PAC&quot; to set up, check and send your return."/>
        </bt:String>
        <bt:String id="OpenPane.Tooltip" DefaultValue="Ouvre le volet PAC : connexion, préparation de la feuille, vérification et envoi.">
          <bt:Override Locale="en-US" Value="Opens the PAC pane: connect, set up the sheet, check and send."/>
        </bt:String>
        <bt:String id="Check.Tooltip" DefaultValue="Vérifie la feuille Saisie sans connexion et marque les cellules en erreur.">
          <bt:Override Locale="en-US" Value="Checks the entry sheet offline and marks the cells in error."/>
        </bt:String>
      </bt:LongStrings>
    </Resources>
  </VersionOverrides>
</OfficeApp>
`;
}
