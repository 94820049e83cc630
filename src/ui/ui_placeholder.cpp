// Replaced by the UI sources.
namespace pa::ui { int placeholder() { return 0; } }
