//! Programme reports across teams: every rule of them, for both front ends.
//!
//! A *coordinator* is an ordinary store that is in no team, made one by [`init`]: it
//! gets an X25519 key and an Ed25519 key of its own (kept sealed in the store, apart
//! from the device's keys) and a name. Its public *coordinator code* ([`key`],
//! `ponteprog1:`) goes to the teams' supervisors, on paper or as a QR code.
//!
//! A team's supervisor device prints its *team code* ([`team_code`], `ponteteam1:`:
//! team id and this device's Ed25519 public key), which the coordinator pins
//! ([`add_team`]). For a period it [`publish`]es a *package*: the team's exact report
//! (the same [`crate::report`] computation as `ponte report`, nothing suppressed),
//! sealed to the coordinator's X25519 key and signed with the device's key over the
//! team, the period, the coordinator's fingerprint, the time and the sealed bytes.
//! Only a supervisor's device may, and only for a period in which the team reached at
//! least [`MIN_THRESHOLD`] people (or whose counts name no person at all): a package
//! of one or two people would be their profile. A refusal and every package are
//! audited (team, period, coordinator; never a count).
//!
//! The coordinator [`import`]s packages: each is checked (its coordinator is this one,
//! its team is pinned, the signing key is pinned for that team, the signature holds,
//! the sealed report opens and is the exact report of that team and period) before any
//! is kept, sealed in the store as received. A newer package of a team for a period
//! replaces the older. [`report`] adds up the packages of exactly one period
//! ([`ponte_report::combine()`]), names the pinned teams that sent nothing for it,
//! suppresses small counts of the sum (never under [`MIN_THRESHOLD`]) and renders it
//! like one team's report.
//!
//! One published set per period: the first report of a period (a file or the screen)
//! fixes its packages and its threshold, and every later report of that period must
//! repeat them, so it shows the same figures. A package arriving later for that
//! period (a late team, or a team's newer package) is refused at import: two reports
//! of one period over different packages would give the difference, one team's
//! hidden small counts, by subtraction.
//!
//! What crosses from a team to the coordinator is the report's tables of counts: no
//! record, no name, no per-person value. The counts are exact, so that suppression
//! happens once, on the sum (see `ponte_report::combine`); the package is readable
//! only by the coordinator's key.

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use ponte_crypto::{AgreementKey, SecretKey, SigningKey};
use ponte_i18n::Translator;
use ponte_ipc::programme::{Imported, Overview, Period, ProgrammeView, TeamIncluded, TeamRow};
use ponte_report::chart::Chart;
use ponte_report::combine::Part;
use ponte_report::{Cell, ProgrammeTeam, Published, Report, Unit};
use ponte_store::{AuditAction, Store, time};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

use crate::failure::{NOT_SUPERVISOR, READ_INPUT};
use crate::report::{Format, MIN_THRESHOLD, Request};
use crate::{Failure, Result, hex};

/// This store is not a programme coordinator (run `programme init`).
pub const NOT_COORDINATOR: &str = "programme-not-coordinator";
/// This store is already a programme coordinator.
pub const ALREADY: &str = "programme-already";
/// A team's device cannot be a programme coordinator.
pub const IN_TEAM: &str = "programme-in-team";
/// The programme's (or a team's) name is empty or too long.
pub const BAD_NAME: &str = "programme-bad-name";
/// The coordinator code cannot be read.
pub const BAD_CODE: &str = "programme-bad-code";
/// The team code cannot be read.
pub const BAD_TEAM_CODE: &str = "programme-bad-team-code";
/// This device is in no team (publishing and team codes are a team's).
pub const NO_TEAM: &str = "programme-no-team";
/// Another pinned team already has that name.
pub const NAME_TAKEN: &str = "programme-name-taken";
/// A file is not a package, or its sealed report does not open or does not match.
pub const BAD_PACKAGE: &str = "programme-bad-package";
/// A package's team is not pinned here.
pub const UNKNOWN_TEAM: &str = "programme-unknown-team";
/// A package's signature does not hold, or its key is not pinned for its team.
pub const BAD_SIGNATURE: &str = "programme-bad-signature";
/// A package is sealed to another coordinator.
pub const OTHER_COORDINATOR: &str = "programme-other-coordinator";
/// No package covers exactly that period.
pub const NO_PACKAGES: &str = "programme-no-packages";
/// The team reached too few people in the period for a package to leave it.
pub const TOO_FEW: &str = "programme-too-few";
/// A package for a period whose report was already made with other packages.
pub const PERIOD_CLOSED: &str = "programme-period-closed";
/// A report of a period already reported, with another threshold or other packages.
pub const PERIOD_REPORTED: &str = "programme-period-reported";

/// Every code of this module.
pub const CODES: &[&str] = &[
    NOT_COORDINATOR,
    ALREADY,
    IN_TEAM,
    BAD_NAME,
    BAD_CODE,
    BAD_TEAM_CODE,
    NO_TEAM,
    NAME_TAKEN,
    BAD_PACKAGE,
    UNKNOWN_TEAM,
    BAD_SIGNATURE,
    OTHER_COORDINATOR,
    NO_PACKAGES,
    TOO_FEW,
    PERIOD_CLOSED,
    PERIOD_REPORTED,
];

const CODE_PREFIX: &str = "ponteprog1:";
const TEAM_CODE_PREFIX: &str = "ponteteam1:";
/// Format tag of a package file.
pub const PACKAGE_FORMAT: &str = "ponte-programme-package/1";
const SETTING: &str = "programme";
const MAX_NAME_CHARS: usize = 80;
const SIGN_CONTEXT: &[u8] = b"ponte/programme-package/v1";
const SEAL_CONTEXT: &[u8] = b"ponte/programme-report/v1";
const FINGERPRINT_CONTEXT: &[u8] = b"ponte/programme-coordinator/v1";
/// The largest package file read (a report of a team is tens of kilobytes).
pub const MAX_PACKAGE_BYTES: usize = 8 << 20;

/// What a coordinator keeps, sealed in its store (setting `programme`).
#[derive(Serialize, Deserialize)]
struct State {
    name: String,
    /// Base64 of the X25519 secret.
    agreement: String,
    /// Base64 of the Ed25519 PKCS#8 document.
    signing: String,
    teams: Vec<Pinned>,
    packages: Vec<Kept>,
    /// The periods already reported, each with what its first report used.
    #[serde(default)]
    reported: Vec<Reported>,
}

/// The first report of a period: what every later report of it repeats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Reported {
    from: String,
    to: String,
    threshold: u64,
    /// The packages added up, as `(team, created_ms)`, sorted.
    packages: Vec<(String, i64)>,
    /// When it was made.
    at_ms: i64,
}

impl State {
    fn reported(&self, from: &str, to: &str) -> Option<&Reported> {
        self.reported.iter().find(|r| r.from == from && r.to == to)
    }
}

/// A pinned team: its id, the name the programme knows it by, the signing keys of its
/// supervisors' devices.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Pinned {
    team: String,
    name: String,
    keys: Vec<String>,
}

/// A package kept: which team and period, signed when (its bytes are in the setting
/// [`package_setting`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Kept {
    team: String,
    from: String,
    to: String,
    created_ms: i64,
    received_ms: i64,
}

fn package_setting(team: &str, from: &str, to: &str) -> String {
    format!("programme/package/{team}/{from}/{to}")
}

/// The coordinator's public code: what a supervisor needs to seal a package to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoordinatorCode {
    /// The programme's name.
    pub name: String,
    /// X25519 public key (hex): packages are sealed to it.
    pub agreement: String,
    /// Ed25519 public key (hex).
    pub signing: String,
}

impl CoordinatorCode {
    /// `ponteprog1:` and the base64url of its JSON.
    pub fn encode(&self) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        format!("{CODE_PREFIX}{}", URL_SAFE_NO_PAD.encode(json))
    }

    /// Read a code; [`BAD_CODE`] when it is not one.
    pub fn parse(code: &str) -> Result<CoordinatorCode> {
        let bad = || Failure::code(BAD_CODE);
        let body = code.trim().strip_prefix(CODE_PREFIX).ok_or_else(bad)?;
        let json = URL_SAFE_NO_PAD.decode(body).map_err(|_| bad())?;
        let c: CoordinatorCode = serde_json::from_slice(&json).map_err(|_| bad())?;
        key32(&c.agreement).ok_or_else(bad)?;
        key32(&c.signing).ok_or_else(bad)?;
        check_name(&c.name).map_err(|_| bad())?;
        Ok(c)
    }

    /// First 16 bytes of SHA-256 over both public keys (hex): names the coordinator
    /// in packages and audit entries.
    pub fn fingerprint(&self) -> String {
        let mut data = FINGERPRINT_CONTEXT.to_vec();
        data.extend_from_slice(self.agreement.as_bytes());
        data.push(0);
        data.extend_from_slice(self.signing.as_bytes());
        hex(&ponte_crypto::sha256(&data)[..16])
    }
}

/// A team's code: what a coordinator pins to accept the team's packages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamCode {
    /// Team id (hex).
    pub team: String,
    /// The supervisor device's Ed25519 public key (hex).
    pub key: String,
    /// The supervisor device's id (hex).
    pub device: String,
    /// The name the supervisor suggests for the team (may be empty).
    #[serde(default)]
    pub name: String,
}

impl TeamCode {
    /// `ponteteam1:` and the base64url of its JSON.
    pub fn encode(&self) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        format!("{TEAM_CODE_PREFIX}{}", URL_SAFE_NO_PAD.encode(json))
    }

    /// Read a code; [`BAD_TEAM_CODE`] when it is not one.
    pub fn parse(code: &str) -> Result<TeamCode> {
        let bad = || Failure::code(BAD_TEAM_CODE);
        let body = code.trim().strip_prefix(TEAM_CODE_PREFIX).ok_or_else(bad)?;
        let json = URL_SAFE_NO_PAD.decode(body).map_err(|_| bad())?;
        let c: TeamCode = serde_json::from_slice(&json).map_err(|_| bad())?;
        key32(&c.key).ok_or_else(bad)?;
        if !is_hex_id(&c.team) || c.name.chars().count() > MAX_NAME_CHARS {
            return Err(bad());
        }
        Ok(c)
    }
}

/// A package as written to a file (JSON).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Package {
    format: String,
    team: String,
    device: String,
    /// The signer's Ed25519 public key (hex).
    key: String,
    from: String,
    to: String,
    /// [`CoordinatorCode::fingerprint`] of the coordinator it is sealed to.
    coordinator: String,
    created_ms: i64,
    /// Base64: a fresh key sealed to the coordinator's X25519 key.
    wrapped: String,
    /// Base64: the report's JSON sealed with that key.
    body: String,
    /// Base64 Ed25519 signature over [`Package::signed`].
    signature: String,
}

impl Package {
    /// The bytes signed: a context, then each field length-prefixed.
    fn signed(&self, wrapped: &[u8], body: &[u8]) -> Vec<u8> {
        let mut out = SIGN_CONTEXT.to_vec();
        let created = self.created_ms.to_be_bytes();
        for part in [
            self.format.as_bytes(),
            self.team.as_bytes(),
            self.device.as_bytes(),
            self.key.as_bytes(),
            self.from.as_bytes(),
            self.to.as_bytes(),
            self.coordinator.as_bytes(),
            &created,
            wrapped,
            body,
        ] {
            out.extend_from_slice(&(part.len() as u64).to_be_bytes());
            out.extend_from_slice(part);
        }
        out
    }
}

/// The associated data of a package's sealing: team, period and coordinator, so a
/// sealed report cannot be passed off as another team's or period's.
fn seal_aad(team: &str, from: &str, to: &str, coordinator: &str) -> Vec<u8> {
    let mut out = SEAL_CONTEXT.to_vec();
    for part in [team, from, to, coordinator] {
        out.push(0);
        out.extend_from_slice(part.as_bytes());
    }
    out
}

fn key32(hex_key: &str) -> Option<[u8; 32]> {
    let bytes = unhex(hex_key)?;
    bytes.try_into().ok()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| s.get(i..i + 2).and_then(|b| u8::from_str_radix(b, 16).ok()))
        .collect()
}

fn is_hex_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.len().is_multiple_of(2)
        && s.chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
}

fn check_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty()
        || name.chars().count() > MAX_NAME_CHARS
        || name.chars().any(char::is_control)
    {
        return Err(Failure::code(BAD_NAME));
    }
    Ok(name.to_owned())
}

fn load(store: &Store) -> Result<State> {
    let bytes = store
        .setting(SETTING)?
        .ok_or_else(|| Failure::code(NOT_COORDINATOR))?;
    serde_json::from_slice(&bytes).map_err(|_| Failure::code(NOT_COORDINATOR))
}

fn save(store: &mut Store, state: &State) -> Result<()> {
    let bytes = Zeroizing::new(serde_json::to_vec(state).map_err(|_| Failure::code("io"))?);
    store.set_setting(SETTING, &bytes)?;
    Ok(())
}

impl Drop for State {
    /// The secret keys' text goes with the state.
    fn drop(&mut self) {
        self.agreement.zeroize();
        self.signing.zeroize();
    }
}

impl State {
    fn agreement_key(&self) -> Result<AgreementKey> {
        let bytes = Zeroizing::new(
            STANDARD
                .decode(&self.agreement)
                .map_err(|_| Failure::code(NOT_COORDINATOR))?,
        );
        let key: [u8; 32] = bytes
            .as_slice()
            .try_into()
            .map_err(|_| Failure::code(NOT_COORDINATOR))?;
        Ok(AgreementKey::from_bytes(key))
    }

    fn signing_key(&self) -> Result<SigningKey> {
        let bytes = Zeroizing::new(
            STANDARD
                .decode(&self.signing)
                .map_err(|_| Failure::code(NOT_COORDINATOR))?,
        );
        SigningKey::from_pkcs8(&bytes).map_err(|_| Failure::code(NOT_COORDINATOR))
    }

    fn code(&self) -> Result<CoordinatorCode> {
        Ok(CoordinatorCode {
            name: self.name.clone(),
            agreement: hex(&self.agreement_key()?.public_key()),
            signing: hex(&self.signing_key()?.public_key()),
        })
    }
}

/// Make this store a programme coordinator called `name`, with keys of its own.
/// Refused on a team's device and on a store that already is one.
pub fn init(store: &mut Store, name: &str) -> Result<CoordinatorCode> {
    let name = check_name(name)?;
    if ponte_sync::team::state(store)?.is_some() {
        return Err(Failure::code(IN_TEAM));
    }
    if store.setting(SETTING)?.is_some() {
        return Err(Failure::code(ALREADY));
    }
    let agreement = AgreementKey::generate().map_err(|_| Failure::code("io"))?;
    let signing = SigningKey::generate().map_err(|_| Failure::code("io"))?;
    let state = State {
        name,
        agreement: STANDARD.encode(agreement.to_bytes().as_slice()),
        signing: STANDARD.encode(signing.pkcs8()),
        teams: Vec::new(),
        packages: Vec::new(),
        reported: Vec::new(),
    };
    save(store, &state)?;
    let code = state.code()?;
    store.audit_note(
        AuditAction::Team,
        &format!("programme init coordinator={}", code.fingerprint()),
    )?;
    Ok(code)
}

/// The coordinator's public code.
pub fn key(store: &Store) -> Result<CoordinatorCode> {
    load(store)?.code()
}

/// The supervisor's device: the team, or the refusal (audited) for a member's device.
fn supervisor_team(store: &mut Store, what: &str) -> Result<String> {
    let team = ponte_sync::team::state(store)?.ok_or_else(|| Failure::code(NO_TEAM))?;
    if !team.supervisor {
        store.audit_refused(&format!(
            "programme {what} refused=not-supervisor team={}",
            team.team_id
        ))?;
        return Err(Failure::code(NOT_SUPERVISOR));
    }
    Ok(team.team_id)
}

/// The team code of this supervisor's device, naming the team `name` (may be empty).
pub fn team_code(store: &mut Store, name: &str) -> Result<TeamCode> {
    let name = if name.trim().is_empty() {
        String::new()
    } else {
        check_name(name)?
    };
    let team = supervisor_team(store, "team-code")?;
    let key = store.signing_key()?;
    store.audit_note(
        AuditAction::Team,
        &format!("programme team-code team={team}"),
    )?;
    Ok(TeamCode {
        team,
        key: hex(&key.public_key()),
        device: hex(&store.device_id()),
        name,
    })
}

/// The period of a package: its days. The request's threshold plays no part: a
/// package carries the exact counts, and the coordinator suppresses small ones on
/// the sum.
pub fn package_period(from: &str, to: &str) -> Result<Request> {
    crate::report::request(from, to, MIN_THRESHOLD)
}

/// Whether a team's exact report describes too few people to leave the team: fewer
/// than [`MIN_THRESHOLD`] persons reached in the period, while some count of person
/// records (or of their referrals, consents, follow-ups) is not zero. Such a package
/// would hand the coordinator one or two people's sex, age band, nationality, sector,
/// risk level and referrals. Sessions and the anonymous counts of people met at
/// outreach are no one's record, so a period of outreach alone may still be sent.
fn too_few(report: &Report) -> bool {
    let reached = report
        .table("persons.sex")
        .and_then(|t| t.cell("reached", "total"))
        .and_then(Cell::count)
        .unwrap_or(0);
    reached < MIN_THRESHOLD
        && report
            .tables
            .iter()
            .flat_map(|t| &t.rows)
            .filter(|r| !matches!(r.unit, Unit::Sessions | Unit::Contacts))
            .flat_map(|r| r.cells.iter().chain(&r.total))
            .any(|c| c.count().unwrap_or(0) > 0)
}

/// A package made by [`publish`].
#[derive(Debug)]
pub struct PackageFile {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// The team.
    pub team: String,
    /// The coordinator's fingerprint.
    pub coordinator: String,
    /// The programme's name, as the coordinator's code gives it.
    pub programme: String,
}

/// The team's exact report of `req`, sealed to the coordinator of `code` and signed
/// by this device: a package file's bytes. Only a supervisor's device may, for a
/// period that describes enough people ([`TOO_FEW`], audited); the package is audited
/// before its bytes are handed back.
pub fn publish(store: &mut Store, code: &str, req: &Request) -> Result<PackageFile> {
    let coordinator = CoordinatorCode::parse(code)?;
    let team = supervisor_team(store, "publish")?;
    let report = crate::report::exact(store, req, &team)?;
    if too_few(&report) {
        drop(report);
        store.audit_refused(&format!(
            "programme publish refused=too-few team={team} from={} to={}",
            req.from, req.to
        ))?;
        return Err(Failure::with_args(
            TOO_FEW,
            &[("min", MIN_THRESHOLD.to_string())],
        ));
    }
    let json = Zeroizing::new(serde_json::to_vec(&report).map_err(|_| Failure::code("io"))?);
    drop(report);
    let fingerprint = coordinator.fingerprint();
    let (from, to) = (req.from.to_string(), req.to.to_string());
    let aad = seal_aad(&team, &from, &to, &fingerprint);
    let recipient = key32(&coordinator.agreement).ok_or_else(|| Failure::code(BAD_CODE))?;
    let content_key = SecretKey::generate().map_err(|_| Failure::code("io"))?;
    let wrapped = ponte_crypto::seal_key_to(&recipient, &aad, &content_key)
        .map_err(|_| Failure::code(BAD_CODE))?;
    let body = ponte_crypto::seal(&content_key, &aad, &json).map_err(|_| Failure::code("io"))?;
    let signer = store.signing_key()?;
    let mut package = Package {
        format: PACKAGE_FORMAT.into(),
        team: team.clone(),
        device: hex(&store.device_id()),
        key: hex(&signer.public_key()),
        from,
        to,
        coordinator: fingerprint.clone(),
        created_ms: time::now_ms(),
        wrapped: STANDARD.encode(&wrapped),
        body: STANDARD.encode(&body),
        signature: String::new(),
    };
    package.signature = STANDARD.encode(signer.sign(&package.signed(&wrapped, &body)));
    let mut bytes = serde_json::to_vec_pretty(&package).map_err(|_| Failure::code("io"))?;
    bytes.push(b'\n');
    store.audit_export(&format!(
        "programme publish team={team} from={} to={} coordinator={fingerprint}",
        req.from, req.to
    ))?;
    Ok(PackageFile {
        bytes,
        team,
        coordinator: fingerprint,
        programme: coordinator.name,
    })
}

/// Pin the team of `code` as `name` (else the name in the code, else `team-` and the
/// start of its id). A second code of a pinned team adds its key (a deputy's device).
pub fn add_team(store: &mut Store, code: &str, name: Option<&str>) -> Result<TeamRow> {
    let code = TeamCode::parse(code)?;
    let mut state = load(store)?;
    let wanted = match name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => Some(check_name(n)?),
        None if !code.name.trim().is_empty() => Some(check_name(&code.name)?),
        None => None,
    };
    let taken = |state: &State, n: &str| {
        state
            .teams
            .iter()
            .any(|t| t.team != code.team && t.name == n)
    };
    if let Some(n) = &wanted
        && taken(&state, n)
    {
        return Err(Failure::with_args(NAME_TAKEN, &[("name", n.clone())]));
    }
    match state.teams.iter_mut().find(|t| t.team == code.team) {
        Some(t) => {
            if !t.keys.contains(&code.key) {
                t.keys.push(code.key.clone());
            }
            if let Some(n) = wanted {
                t.name = n;
            }
        }
        None => {
            let name = wanted
                .unwrap_or_else(|| format!("team-{}", code.team.get(..8).unwrap_or(&code.team)));
            state.teams.push(Pinned {
                team: code.team.clone(),
                name,
                keys: vec![code.key.clone()],
            });
        }
    }
    save(store, &state)?;
    store.audit_note(
        AuditAction::Team,
        &format!("programme add-team team={}", code.team),
    )?;
    view_of(&state, &code.team).ok_or_else(|| Failure::code(NOT_COORDINATOR))
}

fn view_of(state: &State, team: &str) -> Option<TeamRow> {
    let t = state.teams.iter().find(|t| t.team == team)?;
    let mut periods: Vec<Period> = state
        .packages
        .iter()
        .filter(|p| p.team == team)
        .map(|p| Period {
            from: p.from.clone(),
            to: p.to.clone(),
        })
        .collect();
    periods.sort();
    Some(TeamRow {
        team: t.team.clone(),
        name: t.name.clone(),
        keys: t.keys.len(),
        periods,
    })
}

/// What this coordinator holds.
pub fn list(store: &Store) -> Result<Overview> {
    let state = load(store)?;
    Ok(Overview {
        name: state.name.clone(),
        fingerprint: state.code()?.fingerprint(),
        teams: state
            .teams
            .iter()
            .filter_map(|t| view_of(&state, &t.team))
            .collect(),
        reported: state
            .reported
            .iter()
            .map(|r| Period {
                from: r.from.clone(),
                to: r.to.clone(),
            })
            .collect(),
    })
}

/// Check a package against this coordinator's state and open its report.
fn check(state: &State, bytes: &[u8], file: &str) -> Result<(Package, Report)> {
    let fail = |code: &str| Failure::with_args(code, &[("file", file.to_owned())]);
    let package: Package = serde_json::from_slice(bytes).map_err(|_| fail(BAD_PACKAGE))?;
    if package.format != PACKAGE_FORMAT {
        return Err(fail(BAD_PACKAGE));
    }
    let me = state.code()?;
    if package.coordinator != me.fingerprint() {
        return Err(fail(OTHER_COORDINATOR));
    }
    let pinned = state
        .teams
        .iter()
        .find(|t| t.team == package.team)
        .ok_or_else(|| fail(UNKNOWN_TEAM))?;
    if !pinned.keys.contains(&package.key) {
        return Err(fail(BAD_SIGNATURE));
    }
    let decode = |s: &str| STANDARD.decode(s).map_err(|_| fail(BAD_PACKAGE));
    let (wrapped, body, signature) = (
        decode(&package.wrapped)?,
        decode(&package.body)?,
        decode(&package.signature)?,
    );
    let key = key32(&package.key).ok_or_else(|| fail(BAD_SIGNATURE))?;
    ponte_crypto::verify_signature(&key, &package.signed(&wrapped, &body), &signature)
        .map_err(|_| fail(BAD_SIGNATURE))?;
    let aad = seal_aad(
        &package.team,
        &package.from,
        &package.to,
        &package.coordinator,
    );
    let content_key = ponte_crypto::open_key_from(&state.agreement_key()?, &aad, &wrapped)
        .map_err(|_| fail(BAD_PACKAGE))?;
    let json = ponte_crypto::open(&content_key, &aad, &body).map_err(|_| fail(BAD_PACKAGE))?;
    let report: Report = serde_json::from_slice(&json).map_err(|_| fail(BAD_PACKAGE))?;
    let sound = report.format == ponte_report::FORMAT
        && report.team == package.team
        && report.period.from == package.from
        && report.period.to == package.to
        && report.suppression.is_none()
        && report.teams.is_empty()
        && !too_few(&report)
        && package_period(&package.from, &package.to).is_ok();
    if !sound {
        return Err(fail(BAD_PACKAGE));
    }
    Ok((package, report))
}

/// The size rule of a package file named `name` of `bytes` bytes, checked before it is
/// read whole (a path) or the store is touched (files the app was given): larger than
/// [`MAX_PACKAGE_BYTES`] is [`BAD_PACKAGE`] naming the file.
pub fn check_package(name: &str, bytes: u64) -> Result<()> {
    if bytes > MAX_PACKAGE_BYTES as u64 {
        return Err(Failure::with_args(
            BAD_PACKAGE,
            &[("file", name.to_owned())],
        ));
    }
    Ok(())
}

/// A package file, size-checked ([`check_package`]) before it is read whole.
pub fn read_package(path: &std::path::Path) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|_| Failure::code(READ_INPUT))?;
    check_package(&path.display().to_string(), meta.len())?;
    std::fs::read(path).map_err(|_| Failure::code(READ_INPUT))
}

/// Import package files `(name, bytes)`: all are checked first, and if any fails
/// nothing is kept and the failure names its file. A package that would change the
/// packages of a period already reported ([`PERIOD_CLOSED`]) fails like a bad one.
pub fn import(store: &mut Store, files: &[(String, Vec<u8>)]) -> Result<Vec<Imported>> {
    let mut state = load(store)?;
    let mut checked = Vec::new();
    for (file, bytes) in files {
        let (package, _) = check(&state, bytes, file)?;
        let (from, to) = (&package.from, &package.to);
        let as_new_kept = || {
            state.packages.iter().any(|k| {
                k.team == package.team
                    && k.from == *from
                    && k.to == *to
                    && k.created_ms >= package.created_ms
            })
        };
        if state.reported(from, to).is_some() && !as_new_kept() {
            return Err(Failure::with_args(
                PERIOD_CLOSED,
                &[
                    ("file", file.clone()),
                    ("from", from.clone()),
                    ("to", to.clone()),
                ],
            ));
        }
        checked.push((package, bytes));
    }
    let mut out = Vec::new();
    for (package, bytes) in checked {
        let name = state
            .teams
            .iter()
            .find(|t| t.team == package.team)
            .map(|t| t.name.clone())
            .unwrap_or_default();
        let existing = state
            .packages
            .iter()
            .position(|k| k.team == package.team && k.from == package.from && k.to == package.to);
        let status = match existing {
            Some(i) if state.packages[i].created_ms >= package.created_ms => "older",
            Some(_) => "replaced",
            None => "added",
        };
        if status != "older" {
            store.set_setting(
                &package_setting(&package.team, &package.from, &package.to),
                bytes,
            )?;
            let kept = Kept {
                team: package.team.clone(),
                from: package.from.clone(),
                to: package.to.clone(),
                created_ms: package.created_ms,
                received_ms: time::now_ms(),
            };
            match existing {
                Some(i) => state.packages[i] = kept,
                None => state.packages.push(kept),
            }
        }
        out.push(Imported {
            team: package.team,
            name,
            from: package.from,
            to: package.to,
            status: status.to_owned(),
        });
    }
    save(store, &state)?;
    for i in &out {
        store.audit_note(
            AuditAction::Team,
            &format!(
                "programme import team={} from={} to={} status={}",
                i.team, i.from, i.to, i.status
            ),
        )?;
    }
    Ok(out)
}

/// A programme report ready to be written.
#[derive(Debug)]
pub struct Export {
    /// The suppressed combined report.
    pub published: Published,
    /// The file's bytes.
    pub body: Vec<u8>,
    /// The charts, when a font was given.
    pub charts: Vec<Chart>,
}

/// The packages of exactly `req`'s period added up, with the pinned teams that sent
/// none named as missing, suppressed at `req`'s threshold; and the packages used. A
/// period already reported is reported again only as it was ([`PERIOD_REPORTED`]).
fn combined(store: &Store, req: &Request) -> Result<(Published, Reported)> {
    let state = load(store)?;
    let (from, to) = (req.from.to_string(), req.to.to_string());
    let mut reports = Vec::new();
    let mut used = Vec::new();
    for team in &state.teams {
        if !state
            .packages
            .iter()
            .any(|k| k.team == team.team && k.from == from && k.to == to)
        {
            continue;
        }
        let Some(bytes) = store.setting(&package_setting(&team.team, &from, &to))? else {
            continue;
        };
        let (package, report) = check(&state, &bytes, &team.name)?;
        used.push((team.team.clone(), package.created_ms));
        reports.push((team.name.clone(), report));
    }
    if reports.is_empty() {
        return Err(Failure::with_args(
            NO_PACKAGES,
            &[("from", from), ("to", to)],
        ));
    }
    used.sort();
    let this = Reported {
        from: from.clone(),
        to: to.clone(),
        threshold: req.threshold(),
        packages: used,
        at_ms: time::now_ms(),
    };
    if let Some(first) = state.reported(&from, &to)
        && (first.threshold != this.threshold || first.packages != this.packages)
    {
        return Err(Failure::with_args(
            PERIOD_REPORTED,
            &[
                ("from", from),
                ("to", to),
                ("threshold", first.threshold.to_string()),
            ],
        ));
    }
    let parts: Vec<Part<'_>> = reports
        .iter()
        .map(|(name, report)| Part { name, report })
        .collect();
    let generated = time::date_of(time::now_ms());
    let mut combined = ponte_report::combine(&parts, &state.name, &generated)?;
    combined.teams.extend(
        state
            .teams
            .iter()
            .filter(|t| !reports.iter().any(|(n, _)| *n == t.name))
            .map(|t| ProgrammeTeam {
                name: t.name.clone(),
                team: t.team.clone(),
                included: false,
            }),
    );
    Ok((combined.publish(req.threshold()), this))
}

/// Keep what the first report of a period used (nothing when it was reported before).
fn record(store: &mut Store, this: Reported) -> Result<()> {
    let mut state = load(store)?;
    if state.reported(&this.from, &this.to).is_none() {
        state.reported.push(this);
        save(store, &state)?;
    }
    Ok(())
}

/// Who (the device, in the entry), when, which period, format and threshold, how many
/// teams in and missing: the one audit text of every programme report.
fn audit(
    store: &mut Store,
    req: &Request,
    format: &str,
    published: &Published,
    teams: usize,
    charts: usize,
) -> Result<()> {
    let missing = published.teams.iter().filter(|t| !t.included).count();
    store.audit_export(&format!(
        "programme report from={} to={} format={format} threshold={} teams={teams} missing={missing} charts={charts}",
        req.from,
        req.to,
        published.threshold(),
    ))?;
    Ok(())
}

/// The programme's report of `req`: the packages of exactly that period added up,
/// the pinned teams without one named as missing, small counts of the sum
/// suppressed, rendered in `format` (labels in `tr`'s language), with charts when
/// `font` is given; audited before it is returned.
pub fn report(
    store: &mut Store,
    req: &Request,
    format: Format,
    tr: &Translator,
    font: Option<&'static [u8]>,
) -> Result<Export> {
    let (published, this) = combined(store, req)?;
    let (body, charts) = crate::report::render(&published, format, tr, font)?;
    let teams = this.packages.len();
    record(store, this)?;
    audit(store, req, format.as_str(), &published, teams, charts.len())?;
    Ok(Export {
        published,
        body,
        charts,
    })
}

/// The programme's report of `req` labelled in `locale` for a screen, with its
/// charts and every pinned team, included or missing; audited.
pub fn view(store: &mut Store, req: &Request, locale: &str) -> Result<ProgrammeView> {
    let (published, this) = combined(store, req)?;
    let tr = Translator::with_isolation(Some(locale), true);
    let charts = crate::report::screen_charts(&published, &tr);
    let teams = this.packages.len();
    record(store, this)?;
    audit(
        store,
        req,
        crate::report::SCREEN,
        &published,
        teams,
        charts.len(),
    )?;
    Ok(ProgrammeView {
        teams: published
            .teams
            .iter()
            .map(|t| TeamIncluded {
                name: t.name.clone(),
                team: t.team.clone(),
                included: t.included,
            })
            .collect(),
        report: crate::report::labelled(&published, &tr, charts),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_garbage_is_refused() {
        let c = CoordinatorCode {
            name: "FAMI Lazio".into(),
            agreement: "11".repeat(32),
            signing: "22".repeat(32),
        };
        assert_eq!(CoordinatorCode::parse(&c.encode()).unwrap(), c);
        for bad in ["", "ponteprog1:", "ponteprog1:!!", "ponteteam1:e30"] {
            assert_eq!(CoordinatorCode::parse(bad).unwrap_err().as_code(), BAD_CODE);
        }
        let t = TeamCode {
            team: "ab".repeat(16),
            key: "33".repeat(32),
            device: "cd".repeat(16),
            name: String::new(),
        };
        assert_eq!(TeamCode::parse(&t.encode()).unwrap(), t);
        assert_eq!(
            TeamCode::parse(&c.encode()).unwrap_err().as_code(),
            BAD_TEAM_CODE
        );
    }

    /// The exact report of `persons` (JSON) and `outreach` over January 2026.
    fn january(persons: &[serde_json::Value], outreach: &[serde_json::Value]) -> Report {
        let day = |s: &str| ponte_model::Date::parse(s).unwrap();
        let data = ponte_report::Dataset {
            persons: persons
                .iter()
                .map(|json| ponte_report::Input {
                    json: json.clone(),
                    created: Some(day("2025-06-01")),
                })
                .collect(),
            outreach: outreach.to_vec(),
            places: Default::default(),
        };
        let params = ponte_report::Params {
            from: day("2026-01-01"),
            to: day("2026-01-31"),
            team: "t".into(),
            generated: day("2026-02-01"),
        };
        ponte_report::compute(&data, &params).unwrap()
    }

    #[test]
    fn a_package_of_fewer_people_than_the_floor_describes_them_and_is_refused() {
        use serde_json::json;
        let met = |n: usize| -> Vec<serde_json::Value> {
            (0..n)
                .map(|i| {
                    json!({"alias": format!("p{i}"), "sex": "male", "nationality": "PK",
                                "encounters": {"e": {"date": "2026-01-10"}}})
                })
                .collect()
        };
        let session = json!({"date": "2026-01-12", "outreach_type": "street",
                             "people_met": {"total": 3, "women": 1, "men": 2}});
        // Nobody, or outreach alone: no one's record, so it may be sent.
        assert!(!too_few(&january(&[], &[])));
        assert!(!too_few(&january(&[], std::slice::from_ref(&session))));
        // One to four people reached: their profile.
        for n in 1..usize::try_from(MIN_THRESHOLD).unwrap() {
            assert!(too_few(&january(&met(n), &[])), "{n}");
        }
        assert!(!too_few(&january(
            &met(usize::try_from(MIN_THRESHOLD).unwrap()),
            &[]
        )));
        // Nobody reached, but a referral of the period names one person's profile.
        let earlier = json!({"alias": "r", "sex": "female",
            "encounters": {"e": {"date": "2025-12-01"}},
            "consents": {"c": {"purpose": "referral", "destination": "health", "given": true,
                               "language": "en", "date": "2025-12-01"}},
            "referrals": {"r": {"destination": "health", "date": "2026-01-15"}}});
        assert!(too_few(&january(&[earlier], &[])));
    }

    #[test]
    fn a_team_device_outside_a_team_cannot_publish_and_a_coordinator_is_made_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut store =
            crate::session::init(&dir.path().join("h"), "correct horse battery").unwrap();
        let code = init(&mut store, "Programme").unwrap();
        assert_eq!(init(&mut store, "Again").unwrap_err().as_code(), ALREADY);
        assert_eq!(key(&store).unwrap(), code);
        let req = package_period("2026-01-01", "2026-01-31").unwrap();
        assert_eq!(
            publish(&mut store, &code.encode(), &req)
                .unwrap_err()
                .as_code(),
            NO_TEAM
        );
        let tr = Translator::new(Some("en"));
        assert_eq!(
            report(&mut store, &req, Format::Json, &tr, None)
                .unwrap_err()
                .as_code(),
            NO_PACKAGES
        );
    }
}
