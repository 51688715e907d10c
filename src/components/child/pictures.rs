//! Pictures for child mode, drawn here as inline SVG (no image files, nothing fetched). Every
//! picture is decoration next to words, so it is hidden from screen readers.

use homeward_core::voice::{Feeling, Prompt, Sticker, WhenHome};
use leptos::prelude::*;

/// The big picture at the top of a question.
pub fn prompt_picture(prompt: Prompt) -> AnyView {
    let inner = match prompt {
        Prompt::Worries => house("#7a8ca8", cloud().into_any()).into_any(),
        Prompt::GoodThings => house("#e07a3f", sun(50.0, 46.0, 9.0).into_any()).into_any(),
        Prompt::Dreams => house("#8a5bb5", star(50.0, 46.0).into_any()).into_any(),
        Prompt::Feelings => face_shapes(Feeling::Happy).into_any(),
        Prompt::WhatWouldHelp => view! {
            <path d="M10 44 q6 -14 22 -10 q16 -4 22 10 v8 H10z" fill="#f2b880" stroke="#7a4a1d" stroke-width="2" />
            <path d="M32 30 l-9 -9 a6 6 0 0 1 9 -8 a6 6 0 0 1 9 8z" fill="#d6455d" />
        }
        .into_any(),
        Prompt::WhatNeedsToChange => view! {
            <path d="M8 30 L32 10 L56 30 V56 H8z" fill="#f6d9a8" stroke="#7a4a1d" stroke-width="2" />
            <rect x="27" y="38" width="10" height="18" fill="#b5651d" />
            <path d="M40 50 l14 -14 m-4 -4 l8 8" stroke="#3b4a5a" stroke-width="4" stroke-linecap="round" />
        }
        .into_any(),
        Prompt::WhenHome => view! {
            <circle cx="32" cy="32" r="24" fill="#fff4dc" stroke="#7a4a1d" stroke-width="3" />
            <path d="M32 16 V32 L42 38" stroke="#d6455d" stroke-width="4" stroke-linecap="round" fill="none" />
        }
        .into_any(),
        Prompt::WhoITrust => view! {
            {person(20.0, "#e07a3f")}
            {person(44.0, "#3f8fa8")}
            <path d="M26 40 H38" stroke="#7a4a1d" stroke-width="4" stroke-linecap="round" />
        }
        .into_any(),
    };
    view! {
        <svg class="child-picture" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
            {inner}
        </svg>
    }
    .into_any()
}

fn house(roof: &'static str, sign: AnyView) -> impl IntoView {
    view! {
        <path d="M6 30 L32 8 L58 30z" fill=roof />
        <rect x="11" y="29" width="42" height="29" fill="#fbe7c6" stroke="#7a4a1d" stroke-width="2" />
        <rect x="18" y="40" width="10" height="18" fill="#b5651d" />
        <rect x="36" y="36" width="10" height="9" fill="#9fd3e6" stroke="#7a4a1d" />
        {sign}
    }
}

fn cloud() -> impl IntoView {
    view! {
        <path d="M40 22 a5 5 0 0 1 9 -3 a5 5 0 0 1 7 5 a4 4 0 0 1 -2 7 h-13 a4 4 0 0 1 -1 -9z" fill="#dfe6ef" stroke="#4a5a70" stroke-width="1.5" />
        <path d="M44 34 v3 M50 34 v3" stroke="#3f6fb5" stroke-width="2" stroke-linecap="round" />
    }
}

fn sun(cx: f64, cy: f64, r: f64) -> impl IntoView {
    view! { <circle cx=cx cy=cy - 22.0 r=r fill="#ffc53d" stroke="#b5651d" stroke-width="1.5" /> }
}

fn star(cx: f64, cy: f64) -> impl IntoView {
    let (x, y) = (cx, cy - 24.0);
    let d = format!(
        "M{x} {} L{} {} L{} {} L{} {} L{} {} L{} {} L{} {} L{} {} L{} {} L{} {}z",
        y - 8.0,
        x + 2.5,
        y - 2.5,
        x + 8.0,
        y - 2.0,
        x + 4.0,
        y + 2.0,
        x + 5.0,
        y + 8.0,
        x,
        y + 4.5,
        x - 5.0,
        y + 8.0,
        x - 4.0,
        y + 2.0,
        x - 8.0,
        y - 2.0,
        x - 2.5,
        y - 2.5
    );
    view! { <path d=d fill="#ffd84d" stroke="#8a5bb5" stroke-width="1.5" /> }
}

fn person(x: f64, colour: &'static str) -> impl IntoView {
    view! {
        <circle cx=x cy="18" r="8" fill="#f2c09a" stroke="#7a4a1d" stroke-width="1.5" />
        <path d=format!("M{} 56 V36 a{} {} 0 0 1 {} 0 V56z", x - 10.0, 10, 10, 20) fill=colour />
    }
}

fn face_shapes(f: Feeling) -> impl IntoView {
    let mouth = match f {
        Feeling::VerySad => "M20 46 Q32 32 44 46",
        Feeling::Sad => "M22 44 Q32 37 42 44",
        Feeling::NotSure => "M22 42 H42",
        Feeling::Happy => "M22 39 Q32 48 42 39",
        Feeling::VeryHappy => "M18 36 Q32 56 46 36z",
    };
    let fill = if f == Feeling::VeryHappy {
        "#7a2d1d"
    } else {
        "none"
    };
    let tear = (f == Feeling::VerySad)
        .then(|| view! { <path d="M19 30 q-3 6 0 8 q3 -2 0 -8z" fill="#3f8fd6" /> });
    view! {
        <circle cx="32" cy="32" r="27" fill="#ffd65c" stroke="#7a4a1d" stroke-width="2.5" />
        <circle cx="23" cy="25" r="3.5" fill="#3b2a1d" />
        <circle cx="41" cy="25" r="3.5" fill="#3b2a1d" />
        <path d=mouth stroke="#7a2d1d" stroke-width="3.5" stroke-linecap="round" fill=fill />
        {tear}
    }
}

/// A face of the feelings scale: the mouth (and a tear) carry the meaning, not the colour.
pub fn face(f: Feeling) -> AnyView {
    view! {
        <svg class="child-face" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
            {face_shapes(f)}
        </svg>
    }
    .into_any()
}

pub fn when_picture(w: WhenHome) -> AnyView {
    let inner = match w {
        WhenHome::VerySoon => view! {
            <circle cx="32" cy="34" r="14" fill="#ffc53d" stroke="#b5651d" stroke-width="2" />
            <path d="M32 8 v8 M32 52 v6 M6 34 h8 M50 34 h8 M14 16 l6 6 M50 16 l-6 6" stroke="#b5651d" stroke-width="3" stroke-linecap="round" />
        }
        .into_any(),
        WhenHome::AfterAWhile => view! {
            <rect x="10" y="14" width="44" height="40" rx="4" fill="#fff" stroke="#7a4a1d" stroke-width="2.5" />
            <rect x="10" y="14" width="44" height="10" fill="#d6455d" />
            <path d="M18 32 h6 M29 32 h6 M40 32 h6 M18 42 h6 M29 42 h6" stroke="#3b4a5a" stroke-width="3" />
        }
        .into_any(),
        WhenHome::NotYet => view! {
            <path d="M8 50 H50 q6 0 6 -6 l-6 -4 v10" fill="#c9a27a" stroke="#7a4a1d" stroke-width="2" />
            <circle cx="28" cy="36" r="13" fill="#e8b25c" stroke="#7a4a1d" stroke-width="2" />
            <path d="M28 36 m-6 0 a6 6 0 1 0 6 -6" stroke="#7a4a1d" stroke-width="2" fill="none" />
        }
        .into_any(),
        WhenHome::NotSure => view! {
            <circle cx="32" cy="32" r="26" fill="#e8e0f5" stroke="#5b3d8a" stroke-width="2.5" />
            <path d="M24 24 a8 8 0 1 1 12 7 q-4 2 -4 7" stroke="#5b3d8a" stroke-width="4.5" stroke-linecap="round" fill="none" />
            <circle cx="32" cy="46" r="3" fill="#5b3d8a" />
        }
        .into_any(),
    };
    view! {
        <svg class="child-choice-picture" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
            {inner}
        </svg>
    }
    .into_any()
}

pub fn sticker_picture(s: Sticker) -> AnyView {
    let inner = match s {
        Sticker::Family => view! {
            {person(18.0, "#e07a3f")}
            {person(46.0, "#3f8fa8")}
            <circle cx="32" cy="36" r="6" fill="#f2c09a" stroke="#7a4a1d" />
            <path d="M26 56 V46 a6 6 0 0 1 12 0 V56z" fill="#8a5bb5" />
        }
        .into_any(),
        Sticker::Home => view! {
            <path d="M8 30 L32 10 L56 30z" fill="#d6455d" />
            <rect x="13" y="29" width="38" height="27" fill="#fbe7c6" stroke="#7a4a1d" stroke-width="2" />
            <rect x="27" y="40" width="10" height="16" fill="#b5651d" />
        }
        .into_any(),
        Sticker::School => view! {
            <rect x="8" y="24" width="48" height="32" fill="#f6d9a8" stroke="#7a4a1d" stroke-width="2" />
            <path d="M4 26 L32 10 L60 26z" fill="#3f8fa8" />
            <circle cx="32" cy="20" r="4" fill="#fff" stroke="#7a4a1d" />
            <path d="M14 34 h8 v8 h-8z M42 34 h8 v8 h-8z" fill="#9fd3e6" stroke="#7a4a1d" />
            <rect x="27" y="40" width="10" height="16" fill="#b5651d" />
        }
        .into_any(),
        Sticker::Friends => view! {
            {person(20.0, "#58a55c")}
            {person(44.0, "#e0a23f")}
            <path d="M28 24 q4 4 8 0" stroke="#7a4a1d" stroke-width="2" fill="none" />
        }
        .into_any(),
        Sticker::Pet => view! {
            <ellipse cx="32" cy="40" rx="18" ry="14" fill="#c98a4b" stroke="#7a4a1d" stroke-width="2" />
            <circle cx="32" cy="24" r="12" fill="#c98a4b" stroke="#7a4a1d" stroke-width="2" />
            <ellipse cx="21" cy="18" rx="4" ry="8" fill="#7a4a1d" />
            <ellipse cx="43" cy="18" rx="4" ry="8" fill="#7a4a1d" />
            <circle cx="28" cy="23" r="2" fill="#222" />
            <circle cx="36" cy="23" r="2" fill="#222" />
            <circle cx="32" cy="29" r="2.5" fill="#222" />
        }
        .into_any(),
        Sticker::Playing => view! {
            <circle cx="32" cy="32" r="22" fill="#fff" stroke="#d6455d" stroke-width="3" />
            <path d="M12 26 q20 10 40 0 M12 40 q20 -10 40 0" stroke="#d6455d" stroke-width="3" fill="none" />
        }
        .into_any(),
        Sticker::Food => view! {
            <path d="M32 18 c-14 -8 -26 6 -20 22 c4 12 12 16 20 12 c8 4 16 0 20 -12 c6 -16 -6 -30 -20 -22z" fill="#d6455d" stroke="#7a1d2a" stroke-width="2" />
            <path d="M32 18 q2 -8 8 -10" stroke="#58a55c" stroke-width="3" fill="none" />
        }
        .into_any(),
        Sticker::Hugs => view! {
            <path d="M32 54 L12 34 a11 11 0 0 1 20 -14 a11 11 0 0 1 20 14z" fill="#e85d75" stroke="#7a1d2a" stroke-width="2" />
        }
        .into_any(),
        Sticker::Sleep => view! {
            <path d="M40 10 a22 22 0 1 0 14 34 a18 18 0 1 1 -14 -34z" fill="#f5d76e" stroke="#7a5a1d" stroke-width="2" />
            <path d="M44 16 h8 l-8 8 h8" stroke="#3f6fb5" stroke-width="2.5" fill="none" />
        }
        .into_any(),
        Sticker::Shouting => view! {
            <circle cx="26" cy="32" r="16" fill="#ffd65c" stroke="#7a4a1d" stroke-width="2" />
            <ellipse cx="26" cy="38" rx="6" ry="5" fill="#7a2d1d" />
            <path d="M20 26 l4 2 M32 26 l-4 2" stroke="#3b2a1d" stroke-width="2.5" />
            <path d="M46 22 l10 -6 M48 32 h10 M46 42 l10 6" stroke="#d6455d" stroke-width="3" stroke-linecap="round" />
        }
        .into_any(),
        Sticker::Crying => view! {
            <circle cx="32" cy="32" r="22" fill="#ffd65c" stroke="#7a4a1d" stroke-width="2" />
            <path d="M22 44 q10 -8 20 0" stroke="#7a2d1d" stroke-width="3" fill="none" />
            <circle cx="24" cy="28" r="2.5" fill="#3b2a1d" />
            <circle cx="40" cy="28" r="2.5" fill="#3b2a1d" />
            <path d="M22 33 q-3 6 0 8 q3 -2 0 -8z M42 33 q-3 6 0 8 q3 -2 0 -8z" fill="#3f8fd6" />
        }
        .into_any(),
        Sticker::Grownup => view! {
            <circle cx="32" cy="16" r="9" fill="#f2c09a" stroke="#7a4a1d" stroke-width="1.5" />
            <path d="M18 58 V36 a14 14 0 0 1 28 0 V58z" fill="#58a55c" />
            <path d="M32 46 l-5 -5 a3.5 3.5 0 0 1 5 -5 a3.5 3.5 0 0 1 5 5z" fill="#fff" />
        }
        .into_any(),
    };
    view! {
        <svg class="child-sticker-picture" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
            {inner}
        </svg>
    }
    .into_any()
}
