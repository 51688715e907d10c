use crate::child_session::{self, use_child_mode};
use crate::i18n::{use_i18n, Key};
use crate::media::object_url;
use gloo_timers::future::TimeoutFuture;
use homeward_core::attachment::Content;
use homeward_core::voice::Prompt;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobEvent, BlobPropertyBag, MediaRecorder, MediaStream, Url};

/// Recordings stop by themselves after this long.
const MAX_SECONDS: u32 = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Idle,
    Starting,
    Recording(u32),
    Unavailable,
}

async fn open_microphone() -> Result<MediaStream, JsValue> {
    let devices = window().navigator().media_devices()?;
    let constraints = web_sys::MediaStreamConstraints::new();
    constraints.set_audio(&JsValue::TRUE);
    let stream = JsFuture::from(devices.get_user_media_with_constraints(&constraints)?).await?;
    stream.dyn_into::<MediaStream>()
}

fn stop_tracks(stream: &MediaStream) {
    for track in stream.get_tracks().iter() {
        if let Ok(track) = track.dyn_into::<web_sys::MediaStreamTrack>() {
            track.stop();
        }
    }
}

/// Records the child's voice with a visible recording indicator, then plays it back; the child
/// can delete it and record again. The clip is kept, so a reload (even offline) keeps it.
#[component]
pub fn VoiceRecorder(prompt: Prompt) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_child_mode();
    let state = RwSignal::new(State::Idle);
    // The kept clip: its attachment id and a playable URL.
    let clip = RwSignal::new(None::<(Uuid, String)>);
    let recorder = StoredValue::new_local(None::<MediaRecorder>);
    let chunks = StoredValue::new_local(Vec::<Blob>::new());

    // A clip kept from before.
    let ids: Vec<Uuid> = session.with_untracked(|s| {
        s.as_ref()
            .map(|s| s.voice.media_for(prompt))
            .unwrap_or_default()
    });
    spawn_local(async move {
        for id in ids {
            if let Some(a) = child_session::load_media(id).await {
                if a.attachment.is_audio() {
                    if let Some(url) = a
                        .bytes()
                        .ok()
                        .and_then(|b| object_url(&b, &a.attachment.media_type))
                    {
                        clip.set(Some((id, url)));
                    }
                }
            }
        }
    });

    let finish = move |stream: MediaStream, media_type: String| {
        stop_tracks(&stream);
        let parts = js_sys::Array::new();
        chunks.update_value(|c| {
            for b in c.drain(..) {
                parts.push(&b);
            }
        });
        spawn_local(async move {
            let options = BlobPropertyBag::new();
            options.set_type(&media_type);
            let Ok(blob) = Blob::new_with_blob_sequence_and_options(&parts, &options) else {
                state.set(State::Unavailable);
                return;
            };
            let Ok(buffer) = JsFuture::from(blob.array_buffer()).await else {
                state.set(State::Unavailable);
                return;
            };
            let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
            let id = Uuid::now_v7();
            state.set(State::Idle);
            let Ok(attachment) = Content::new(id, &media_type, &bytes) else {
                return;
            };
            if child_session::save_media(&attachment).await.is_ok() {
                child_session::update(session, |s| {
                    s.voice.add_media(id, prompt);
                    s.voice.set_skipped(prompt, false);
                });
                if let Ok(url) = Url::create_object_url_with_blob(&blob) {
                    clip.set(Some((id, url)));
                }
            }
        });
    };

    let start = move |_| {
        if state.get_untracked() != State::Idle {
            return;
        }
        state.set(State::Starting);
        spawn_local(async move {
            let Ok(stream) = open_microphone().await else {
                state.set(State::Unavailable);
                return;
            };
            let Ok(rec) = MediaRecorder::new_with_media_stream(&stream) else {
                stop_tracks(&stream);
                state.set(State::Unavailable);
                return;
            };
            let on_data = Closure::<dyn FnMut(BlobEvent)>::new(move |e: BlobEvent| {
                if let Some(b) = e.data() {
                    if b.size() > 0.0 {
                        chunks.update_value(|c| c.push(b));
                    }
                }
            });
            rec.set_ondataavailable(Some(on_data.as_ref().unchecked_ref()));
            on_data.forget();
            let (rec2, stream2) = (rec.clone(), stream.clone());
            let on_stop = Closure::once_into_js(move || {
                let media_type = match rec2.mime_type() {
                    t if t.is_empty() => "audio/webm".to_string(),
                    t => t,
                };
                finish(stream2, media_type);
            });
            rec.set_onstop(Some(on_stop.unchecked_ref()));
            if rec.start_with_time_slice(1000).is_err() {
                stop_tracks(&stream);
                state.set(State::Unavailable);
                return;
            }
            recorder.set_value(Some(rec));
            state.set(State::Recording(0));
            loop {
                TimeoutFuture::new(1000).await;
                match state.get_untracked() {
                    State::Recording(n) if n + 1 >= MAX_SECONDS => {
                        if let Some(r) = recorder.get_value() {
                            let _ = r.stop();
                        }
                        break;
                    }
                    State::Recording(n) => state.set(State::Recording(n + 1)),
                    State::Idle | State::Starting | State::Unavailable => break,
                }
            }
        });
    };
    let stop = move |_| {
        if let Some(r) = recorder.get_value() {
            let _ = r.stop();
        }
        recorder.set_value(None);
        state.set(State::Starting);
    };
    let delete = move |_| {
        if let Some((id, url)) = clip.get_untracked() {
            let _ = Url::revoke_object_url(&url);
            clip.set(None);
            child_session::update(session, |s| s.voice.remove_media(id));
            spawn_local(async move {
                let _ = child_session::delete_media(id).await;
            });
        }
    };

    view! {
        <div class="child-recorder">
            {move || match (state.get(), clip.get()) {
                (State::Recording(n), _) => view! {
                    <div class="child-recording">
                        <p class="child-recording-indicator" role="status">
                            <span class="child-recording-dot" aria-hidden="true"></span>
                            <span>{i18n.t(Key::Recording)}</span>
                            // The clock is for the eyes; announcing it every second would drown the rest.
                            <span class="child-recording-time" aria-hidden="true">{format!("{}:{:02}", n / 60, n % 60)}</span>
                        </p>
                        <button type="button" class="child-button child-stop" on:click=stop>
                            <svg viewBox="0 0 24 24" class="child-button-icon" aria-hidden="true" focusable="false">
                                <rect x="5" y="5" width="14" height="14" rx="2" fill="currentColor" />
                            </svg>
                            <span>{i18n.t(Key::StopRecording)}</span>
                        </button>
                    </div>
                }
                    .into_any(),
                (_, Some((_, url))) => view! {
                    <div class="child-clip">
                        <p class="child-clip-label" id="child-clip-label">{i18n.t(Key::YourRecording)}</p>
                        <audio controls src=url aria-labelledby="child-clip-label"></audio>
                        <button type="button" class="child-button child-secondary" on:click=delete>
                            {i18n.t(Key::DeleteRecording)}
                        </button>
                    </div>
                }
                    .into_any(),
                (s, None) => view! {
                    <div class="child-record-start">
                        <button
                            type="button"
                            class="child-button child-record"
                            on:click=start
                            disabled=s == State::Starting
                        >
                            <svg viewBox="0 0 24 24" class="child-button-icon" aria-hidden="true" focusable="false">
                                <rect x="9" y="3" width="6" height="11" rx="3" fill="currentColor" />
                                <path d="M6 11 a6 6 0 0 0 12 0 M12 17 v4" stroke="currentColor" stroke-width="2" fill="none" />
                            </svg>
                            <span>{i18n.t(Key::RecordVoice)}</span>
                        </button>
                        <p class="child-hint">{i18n.t(Key::RecordHint)}</p>
                        {(s == State::Unavailable)
                            .then(|| view! { <p class="child-note" role="alert">{i18n.t(Key::MicUnavailable)}</p> })}
                    </div>
                }
                    .into_any(),
            }}
        </div>
    }
}
