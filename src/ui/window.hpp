#pragma once
// The one window of the viewer. Only backend_glfw.cpp includes GLFW: the rest of the UI sees this interface.
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace pa::render {
class ImGuiPainter;
}

namespace pa::ui {

/// No display to open a window on (no X server / GLFW could not start).
class NoDisplayError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class Window {
  public:
    /// Creates a window with an OpenGL 3.3 core context (current), and Dear ImGui's GLFW + OpenGL3 backends.
    /// Throws NoDisplayError when there is no display.
    Window(int width, int height, const std::string& title);
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    bool should_close() const;
    void request_close();
    /// Sleeps until an event arrives or `timeout_s` passes (the idle frame loop); returns true when input
    /// arrived since the last call.
    bool wait(double timeout_s);
    /// Wakes wait() from another thread (a finished task).
    static void wake();
    void begin_frame();  // ImGui backends' NewFrame
    /// Renders ImGui's draw data through `painter` (all of it, or what changed) and swaps; with `capture`,
    /// the finished frame's pixels (RGBA, top row first) are read back before the swap (for --screenshot).
    void end_frame(render::ImGuiPainter& painter, std::vector<unsigned char>* capture = nullptr);
    int framebuffer_width() const;
    int framebuffer_height() const;
    /// Full screen on the monitor the window is on (its current video mode), or on monitor `monitor` (0 = the
    /// primary, in GLFW's order) when it exists; or back to the window it was.
    void set_fullscreen(bool on, int monitor = -1);
    /// The monitors connected now ("1: HDMI-1 1920x1080"), primary first.
    static std::vector<std::string> monitor_names();
    bool fullscreen() const;
    /// Files dropped on the window since the last call.
    std::vector<std::string> take_drops();
    /// Feeds paths to the same handler GLFW's drop callback calls (test hook `parkatlas view --drop`).
    void simulate_drop(const std::vector<std::string>& paths);
    /// Seconds since start (GLFW timer).
    static double time();

    /// The presenter's console: a second window (with the map full screen on a projector, on another monitor
    /// — the laptop's), its own Dear ImGui context sharing the map window's fonts and OpenGL objects. False
    /// when it cannot be opened.
    bool open_console(int width, int height, const std::string& title);
    void close_console();
    bool console_open() const;
    /// The console's framebuffer size in pixels (0 x 0 when closed).
    std::pair<int, int> console_size() const;
    /// One console frame: `draw` makes the console's ImGui calls (its context is current meanwhile); with
    /// `capture`, its pixels (RGBA, top row first). False when the user closed the console window (it is
    /// closed then).
    bool console_frame(const std::function<void()>& draw, std::vector<unsigned char>* capture = nullptr);

    struct Impl;  // GLFW state, defined in backend_glfw.cpp

  private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace pa::ui
