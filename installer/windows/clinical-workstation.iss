; Inno Setup script of the Windows station installer (Inno Setup 6).
; It packs the PyInstaller one-folder bundle made on a Windows x64 machine from the same spec
; as on Linux; see README.md, "Installing a station". From the checkout, in a Windows shell:
;
;   .venv\Scripts\pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller installer\workstation.spec
;   dist\clinical-workstation\workstation-console.exe --self-test
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 installer\windows\clinical-workstation.iss
;
; Output: dist\clinical-workstation-<version>-setup.exe. Silent install for fleet deployment:
;   clinical-workstation-<version>-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
; This script has not been built or tested on Windows from this project's (Linux) CI.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Clinical Workstation"
#define Bundle "..\..\dist\clinical-workstation"
#define Icon "..\..\resources\icons\clinical-workstation.ico"

[Setup]
AppId={{6F1C2A57-3B8E-4E0F-9C4D-2B7A5E1D9C31}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Clinical Workstation
DefaultDirName={autopf}\Clinical Workstation
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=clinical-workstation-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\workstation.exe
#if FileExists(Icon)
SetupIconFile={#Icon}
#endif

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
; Inno Setup ships Chinese (Simplified) as an unofficial translation: add it when it is installed
#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[Files]
; The whole one-folder bundle: workstation.exe, workstation-console.exe and _internal\
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; The machine-wide station configuration lives in %ProgramData%\ClinicalWorkstation
Source: "..\station.toml.example"; DestDir: "{commonappdata}\ClinicalWorkstation"; Flags: ignoreversion

[Dirs]
Name: "{commonappdata}\ClinicalWorkstation"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\workstation.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\workstation.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Run]
; The installed station checks itself (offscreen, no server); its output goes to a log file.
Filename: "{cmd}"; Parameters: "/C """"{app}\workstation-console.exe"" --self-test > ""{commonappdata}\ClinicalWorkstation\self-test.log"" 2>&1"""; Flags: runhidden; StatusMsg: "Checking the installation..."
