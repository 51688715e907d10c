//! Keys for child mode's questions and choices, by age band.

use super::Key;
use homeward_core::voice::{Activity, AgeBand, Feeling, Prompt, Sticker, VoiceError, WhenHome};

/// The question as a child of this age band reads it.
pub fn prompt(prompt: Prompt, band: AgeBand) -> Key {
    let [young, mid, teen] = match prompt {
        Prompt::Worries => [Key::PWorriesY, Key::PWorriesM, Key::PWorriesT],
        Prompt::GoodThings => [Key::PGoodY, Key::PGoodM, Key::PGoodT],
        Prompt::Dreams => [Key::PDreamsY, Key::PDreamsM, Key::PDreamsT],
        Prompt::Feelings => [Key::PFeelY, Key::PFeelM, Key::PFeelT],
        Prompt::WhatWouldHelp => [Key::PHelpY, Key::PHelpM, Key::PHelpT],
        Prompt::WhatNeedsToChange => [Key::PChangeY, Key::PChangeM, Key::PChangeT],
        Prompt::WhenHome => [Key::PWhenY, Key::PWhenM, Key::PWhenT],
        Prompt::WhoITrust => [Key::PTrustY, Key::PTrustM, Key::PTrustT],
    };
    match band {
        AgeBand::Under8 => young,
        AgeBand::EightToTwelve => mid,
        AgeBand::ThirteenPlus => teen,
    }
}

/// A short name of the question, for the worker.
pub fn summary(prompt: Prompt) -> Key {
    match prompt {
        Prompt::Worries => Key::SWorries,
        Prompt::GoodThings => Key::SGood,
        Prompt::Dreams => Key::SDreams,
        Prompt::Feelings => Key::SFeel,
        Prompt::WhatWouldHelp => Key::SHelp,
        Prompt::WhatNeedsToChange => Key::SChange,
        Prompt::WhenHome => Key::SWhen,
        Prompt::WhoITrust => Key::STrust,
    }
}

pub fn hello(band: AgeBand) -> Key {
    match band {
        AgeBand::Under8 => Key::HelloYoung,
        AgeBand::EightToTwelve => Key::HelloMid,
        AgeBand::ThirteenPlus => Key::HelloTeen,
    }
}

pub fn band(band: AgeBand) -> Key {
    match band {
        AgeBand::Under8 => Key::BandUnder8,
        AgeBand::EightToTwelve => Key::Band8To12,
        AgeBand::ThirteenPlus => Key::Band13Plus,
    }
}

pub fn activity(a: Activity) -> Key {
    match a {
        Activity::ThreeHouses => Key::ActThreeHouses,
        Activity::Feelings => Key::ActFeelings,
        Activity::WhatWouldHelp => Key::ActHelp,
        Activity::WhatNeedsToChange => Key::ActChange,
        Activity::WhenHome => Key::ActWhen,
        Activity::WhoITrust => Key::ActTrust,
    }
}

pub fn feeling(f: Feeling) -> Key {
    match f {
        Feeling::VerySad => Key::FeelVerySad,
        Feeling::Sad => Key::FeelSad,
        Feeling::NotSure => Key::FeelNotSure,
        Feeling::Happy => Key::FeelHappy,
        Feeling::VeryHappy => Key::FeelVeryHappy,
    }
}

pub fn when(w: WhenHome) -> Key {
    match w {
        WhenHome::VerySoon => Key::WhenVerySoon,
        WhenHome::AfterAWhile => Key::WhenAfterAWhile,
        WhenHome::NotYet => Key::WhenNotYet,
        WhenHome::NotSure => Key::WhenNotSure,
    }
}

pub fn sticker(s: Sticker) -> Key {
    match s {
        Sticker::Family => Key::StFamily,
        Sticker::Home => Key::StHome,
        Sticker::School => Key::StSchool,
        Sticker::Friends => Key::StFriends,
        Sticker::Pet => Key::StPet,
        Sticker::Playing => Key::StPlaying,
        Sticker::Food => Key::StFood,
        Sticker::Hugs => Key::StHugs,
        Sticker::Sleep => Key::StSleep,
        Sticker::Shouting => Key::StShouting,
        Sticker::Crying => Key::StCrying,
        Sticker::Grownup => Key::StGrownup,
    }
}

pub fn voice_error(e: &VoiceError) -> Key {
    match e {
        VoiceError::WhoElseMissing => Key::ErrVoiceWhoElse,
        VoiceError::OthersWhileAlone => Key::ErrVoiceOthers,
        VoiceError::Empty => Key::ErrVoiceEmpty,
        VoiceError::BadAttachment => Key::ErrVoiceAttachment,
        VoiceError::InFuture => Key::ErrVoiceFuture,
        VoiceError::TooLong => Key::ErrVoiceTooLong,
        VoiceError::MediaNotAttached => Key::ErrVoiceMedia,
    }
}
