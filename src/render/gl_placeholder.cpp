// Replaced by the renderer sources.
namespace pa::render { int placeholder() { return 0; } }
