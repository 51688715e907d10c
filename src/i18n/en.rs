use super::Key;

pub fn text(key: Key) -> &'static str {
    match key {
        Key::AppName => "Homeward",
        Key::SkipToContent => "Skip to content",
        Key::Loading => "Loading…",
        Key::Language => "Language",
        Key::LangEnglish => "English",
        Key::LangWelsh => "Cymraeg",
        Key::SignInTitle => "Sign in",
        Key::SignInIntro => {
            "Sign in with your work account. After that, Homeward works without a connection."
        }
        Key::Username => "Username",
        Key::Password => "Password",
        Key::SignInButton => "Sign in",
        Key::SigningIn => "Signing in…",
        Key::SignInFailed => "The username or password is not right.",
        Key::SignInNeedsConnection => {
            "You need a connection to sign in. Try again when you are online."
        }
        Key::SignInTooMany => "Too many attempts. Wait a few minutes, then try again.",
        Key::SignOut => "Sign out",
        Key::SignedInAs => "Signed in as {name}",
        Key::Cases => "Cases",
        Key::NoCases => "No cases yet. Add one with “New case”.",
        Key::NewCase => "New case",
        Key::ChildName => "Child's name",
        Key::DateOfBirth => "Date of birth",
        Key::Note => "Note",
        Key::NoteHint => "Why the case is open, in a sentence or two.",
        Key::SaveCase => "Save case",
        Key::Cancel => "Cancel",
        Key::Saving => "Saving…",
        Key::ErrNameMissing => "Enter the child's name.",
        Key::ErrNameTooLong => "The child's name is too long (at most 200 characters).",
        Key::ErrBirthInFuture => "The date of birth cannot be in the future.",
        Key::ErrBirthNotADate => "The date of birth must be a date like 2016-04-30.",
        Key::ErrNoteTooLong => "The note is too long (at most 100,000 characters).",
        Key::ErrStorage => "The tablet's storage could not be used. Nothing was saved: {detail}",
        Key::FormHasErrors => "Please correct the problems below.",
        Key::StatusOnline => "Online",
        Key::StatusOffline => "Offline",
        Key::ChangesWaiting => "{n} changes waiting to send",
        Key::AllSent => "All changes sent",
        Key::LastSynced => "Last synced {time}",
        Key::NeverSynced => "Not synced yet",
        Key::NotSent => "{n} changes not sent",
        Key::NotSentTitle => "Changes the server refused",
        Key::SignInToSync => "Sign in again to send your changes",
        Key::SyncFailed => "Could not sync: {reason}",
        Key::AgeYears => "{n} years old",
        Key::Born => "Born {date}",
        Key::BackToCases => "Back to cases",
        Key::CaseNotFound => "This case is not on this tablet.",
        Key::NeedsReview => "Needs review",
        Key::CaseNoteHeading => "Note",
        Key::UpdateReady => "A new version of Homeward is ready.",
        Key::UpdateReload => "Reload now",
        Key::UpdateSaveFirst => "Save or cancel what you are writing first; nothing is lost until then.",
        Key::TextSize => "Text size",
        Key::TextStandard => "Standard text",
        Key::TextLarge => "Large text",
        Key::TextLarger => "Larger text",
        Key::SyncStatus => "Sync status",
        Key::ReviewIntro => {
            "These texts were written at the same time on different devices or by different people. \
             Keep one version, or write one text from both. Your choice is sent like any other change."
        }
        Key::ReviewNothing => "Nothing needs review.",
        Key::ReviewVersion => "Version {n}",
        Key::WrittenBy => "Written by {user}, {when}",
        Key::KeepThis => "Keep this version",
        Key::WriteMerged => "Or write one text from both",
        Key::SaveMerged => "Save this text",
        Key::ReviewEmptyText => "(empty)",
        Key::ToReview => "{n} to review",
    }
}
