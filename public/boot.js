// Starts the WebAssembly app. It lives in a file, not inline, so the Content-Security-Policy can
// forbid inline script; trunk writes the hashed file names into the script tag's data attributes.
const tag = document.querySelector('script[data-homeward-js]');
const { default: init } = await import(tag.dataset.homewardJs);
await init({ module_or_path: tag.dataset.homewardWasm });
