//! The pieces of child mode: pictures, answer inputs and the worker's unlock.

pub mod drawing_pad;
pub mod faces_scale;
pub mod pictures;
pub mod prompt_step;
pub mod read_aloud;
pub mod sticker_picker;
pub mod unlock;
pub mod voice_recorder;
pub mod when_picker;
