// The only file that calls GLFW (Tracy's BackendGlfw idea): window, context, events, drag-and-drop, and Dear
// ImGui's GLFW + OpenGL3 backends.
// epoxy before any other GL header (GLFW's included): its own block, so that include sorting keeps it first.
#include <epoxy/gl.h>

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <utility>

#include "render/imgui_draw.hpp"
#include "render/window_target.hpp"
#include "ui/window.hpp"

namespace pa::ui {

struct Window::Impl {
    GLFWwindow* win = nullptr;
    std::mutex drop_mutex;
    std::vector<std::string> drops;
    std::atomic<bool> input{true};
    bool imgui_glfw = false, imgui_gl = false;
    int saved_x = 0, saved_y = 0, saved_w = 0, saved_h = 0;  // the window to return to from full screen
    // The presenter's console (open_console): its window and Dear ImGui context; the map's context is
    // current everywhere else.
    GLFWwindow* console = nullptr;
    ImGuiContext* console_ctx = nullptr;
    ImGuiContext* main_ctx = nullptr;
};

namespace {
Window::Impl* impl_of(GLFWwindow* w) {
    return static_cast<Window::Impl*>(glfwGetWindowUserPointer(w));
}
void on_drop(GLFWwindow* w, int count, const char** paths) {
    auto* impl = impl_of(w);
    std::lock_guard<std::mutex> lock(impl->drop_mutex);
    for (int i = 0; i < count; ++i) impl->drops.emplace_back(paths[i]);
    impl->input = true;
}
// Installed before ImGui's callbacks, which chain to them: they only note that something happened so the
// frame loop draws again.
void on_cursor(GLFWwindow* w, double, double) {
    impl_of(w)->input = true;
}
void on_scroll(GLFWwindow* w, double, double) {
    impl_of(w)->input = true;
}
void on_button(GLFWwindow* w, int, int, int) {
    impl_of(w)->input = true;
}
void on_key(GLFWwindow* w, int, int, int, int) {
    impl_of(w)->input = true;
}
void on_size(GLFWwindow* w, int, int) {
    impl_of(w)->input = true;
}

// The console's events go to the console's ImGui context (Dear ImGui 1.86's GLFW backend sends every event to
// the current context), then the map's is current again.
struct ConsoleContext {
    explicit ConsoleContext(GLFWwindow* w) : prev(ImGui::GetCurrentContext()) {
        impl_of(w)->input = true;
        ImGui::SetCurrentContext(impl_of(w)->console_ctx);
    }
    ~ConsoleContext() { ImGui::SetCurrentContext(prev); }
    ConsoleContext(const ConsoleContext&) = delete;
    ConsoleContext& operator=(const ConsoleContext&) = delete;
    ImGuiContext* prev;
};
void console_button(GLFWwindow* w, int b, int a, int m) {
    ConsoleContext c(w);
    ImGui_ImplGlfw_MouseButtonCallback(w, b, a, m);
}
void console_scroll(GLFWwindow* w, double x, double y) {
    ConsoleContext c(w);
    ImGui_ImplGlfw_ScrollCallback(w, x, y);
}
void console_key(GLFWwindow* w, int k, int sc, int a, int m) {
    ConsoleContext c(w);
    ImGui_ImplGlfw_KeyCallback(w, k, sc, a, m);
}
void console_char(GLFWwindow* w, unsigned int ch) {
    ConsoleContext c(w);
    ImGui_ImplGlfw_CharCallback(w, ch);
}
void console_cursor(GLFWwindow* w, double, double) {
    impl_of(w)->input = true;
}
}  // namespace

Window::Window(int width, int height, const std::string& title) : impl_(std::make_unique<Impl>()) {
    glfwSetErrorCallback(nullptr);
    if (!glfwInit())
        throw NoDisplayError(
            "No display to open the viewer window on (GLFW could not connect to an X server); run it "
            "on a desktop, under xvfb-run, or use `parkatlas render` for a PNG.");
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    // No multisampling on the window itself: the map is drawn (with its own MSAA) into an offscreen buffer
    // and blitted here, which needs a single-sampled destination; ImGui anti-aliases its shapes and text
    // itself.
    glfwWindowHint(GLFW_SAMPLES, 0);
    impl_->win = glfwCreateWindow(width, height, title.c_str(), nullptr, nullptr);
    if (!impl_->win) {
        glfwTerminate();
        throw NoDisplayError("The viewer window could not be created (no OpenGL 3.3 core on this display).");
    }
    glfwSetWindowUserPointer(impl_->win, impl_.get());
    glfwMakeContextCurrent(impl_->win);
    glfwSwapInterval(1);
    glfwSetDropCallback(impl_->win, on_drop);
    glfwSetCursorPosCallback(impl_->win, on_cursor);
    glfwSetScrollCallback(impl_->win, on_scroll);
    glfwSetMouseButtonCallback(impl_->win, on_button);
    glfwSetKeyCallback(impl_->win, on_key);
    glfwSetFramebufferSizeCallback(impl_->win, on_size);
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    // Opaque panels: with the default 94 % the map's labels showed through them (and only an opaque window
    // can be kept from the last frame, render/imgui_draw.hpp); popups and menus alike.
    ImGui::GetStyle().Colors[ImGuiCol_WindowBg].w = 1.0f;
    ImGui::GetStyle().Colors[ImGuiCol_PopupBg].w = 1.0f;
    impl_->imgui_glfw = ImGui_ImplGlfw_InitForOpenGL(impl_->win, true);
    impl_->imgui_gl = ImGui_ImplOpenGL3_Init("#version 330");
}

Window::~Window() {
    close_console();
    if (impl_->imgui_gl) ImGui_ImplOpenGL3_Shutdown();
    if (impl_->imgui_glfw) ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    if (impl_->win) glfwDestroyWindow(impl_->win);
    glfwTerminate();
}

bool Window::should_close() const {
    return glfwWindowShouldClose(impl_->win);
}
void Window::request_close() {
    glfwSetWindowShouldClose(impl_->win, GLFW_TRUE);
}

bool Window::wait(double timeout_s) {
    if (timeout_s <= 0)
        glfwPollEvents();
    else
        glfwWaitEventsTimeout(timeout_s);
    return impl_->input.exchange(false);
}

void Window::wake() {
    glfwPostEmptyEvent();
}

void Window::begin_frame() {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
}

void Window::end_frame(render::ImGuiPainter& painter, std::vector<unsigned char>* capture) {
    const int width = framebuffer_width(), height = framebuffer_height();
    render::bind_window(width, height);
    painter.draw(ImGui::GetDrawData());
    if (capture) *capture = render::read_window_rgba(width, height);
    glfwSwapBuffers(impl_->win);
}

int Window::framebuffer_width() const {
    int w = 0, h = 0;
    glfwGetFramebufferSize(impl_->win, &w, &h);
    return w;
}

int Window::framebuffer_height() const {
    int w = 0, h = 0;
    glfwGetFramebufferSize(impl_->win, &w, &h);
    return h;
}

bool Window::fullscreen() const {
    return glfwGetWindowMonitor(impl_->win) != nullptr;
}

std::vector<std::string> Window::monitor_names() {
    std::vector<std::string> out;
    int count = 0;
    GLFWmonitor** monitors = glfwGetMonitors(&count);
    for (int i = 0; i < count; ++i) {
        const GLFWvidmode* m = glfwGetVideoMode(monitors[i]);
        const char* name = glfwGetMonitorName(monitors[i]);
        out.push_back(std::to_string(i + 1) + ": " + (name ? name : "?") +
                      (m ? " " + std::to_string(m->width) + "x" + std::to_string(m->height) : std::string()));
    }
    return out;
}

void Window::set_fullscreen(bool on, int monitor) {
    if (on == fullscreen() && monitor < 0) return;
    if (on) {
        if (!fullscreen()) {  // moving from one monitor to another keeps the window to return to
            glfwGetWindowPos(impl_->win, &impl_->saved_x, &impl_->saved_y);
            glfwGetWindowSize(impl_->win, &impl_->saved_w, &impl_->saved_h);
        }
        // The monitor under the window's centre (a meeting room's projector is often the second one).
        int count = 0;
        GLFWmonitor** monitors = glfwGetMonitors(&count);
        GLFWmonitor* target = glfwGetPrimaryMonitor();
        const int cx = impl_->saved_x + impl_->saved_w / 2, cy = impl_->saved_y + impl_->saved_h / 2;
        for (int i = 0; i < count; ++i) {
            int mx = 0, my = 0;
            glfwGetMonitorPos(monitors[i], &mx, &my);
            const GLFWvidmode* m = glfwGetVideoMode(monitors[i]);
            if (m && cx >= mx && cx < mx + m->width && cy >= my && cy < my + m->height) target = monitors[i];
        }
        if (monitor >= 0 && monitor < count) target = monitors[monitor];  // chosen: the projector
        if (!target) return;
        const GLFWvidmode* mode = glfwGetVideoMode(target);
        if (!mode) return;
        glfwSetWindowMonitor(impl_->win, target, 0, 0, mode->width, mode->height, mode->refreshRate);
    } else {
        glfwSetWindowMonitor(impl_->win, nullptr, impl_->saved_x, impl_->saved_y,
                             std::max(320, impl_->saved_w), std::max(240, impl_->saved_h), 0);
    }
    impl_->input = true;
}

std::vector<std::string> Window::take_drops() {
    std::lock_guard<std::mutex> lock(impl_->drop_mutex);
    return std::exchange(impl_->drops, {});
}

void Window::simulate_drop(const std::vector<std::string>& paths) {
    std::vector<const char*> c;
    for (const auto& p : paths) c.push_back(p.c_str());
    on_drop(impl_->win, static_cast<int>(c.size()), c.data());
}

double Window::time() {
    return glfwGetTime();
}

bool Window::open_console(int width, int height, const std::string& title) {
    if (impl_->console) return true;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SAMPLES, 0);
    // shares the map window's objects: the font texture, ImGui's shader
    GLFWwindow* c = glfwCreateWindow(width, height, title.c_str(), nullptr, impl_->win);
    if (!c) return false;
    // On a monitor other than the one the map is full screen on (the laptop's screen), at its top left.
    int count = 0;
    GLFWmonitor** monitors = glfwGetMonitors(&count);
    GLFWmonitor* map_on = glfwGetWindowMonitor(impl_->win);
    for (int i = 0; i < count; ++i)
        if (monitors[i] != map_on) {
            int mx = 0, my = 0;
            glfwGetMonitorPos(monitors[i], &mx, &my);
            glfwSetWindowPos(c, mx + 40, my + 60);
            break;
        }
    glfwSetWindowUserPointer(c, impl_.get());
    glfwSetMouseButtonCallback(c, console_button);
    glfwSetScrollCallback(c, console_scroll);
    glfwSetKeyCallback(c, console_key);
    glfwSetCharCallback(c, console_char);
    glfwSetCursorPosCallback(c, console_cursor);
    impl_->main_ctx = ImGui::GetCurrentContext();
    impl_->console_ctx = ImGui::CreateContext(ImGui::GetIO().Fonts);  // the map window's fonts
    ImGui::SetCurrentContext(impl_->console_ctx);
    ImGui::GetIO().IniFilename = nullptr;
    ImGui::GetStyle().Colors[ImGuiCol_WindowBg].w = 1.0f;
    glfwMakeContextCurrent(c);
    glfwSwapInterval(0);  // the map window waits for the display; the console must not wait a second time
    ImGui_ImplGlfw_InitForOpenGL(c, false);
    ImGui_ImplOpenGL3_Init("#version 330");
    impl_->console = c;
    glfwMakeContextCurrent(impl_->win);
    ImGui::SetCurrentContext(impl_->main_ctx);
    return true;
}

void Window::close_console() {
    if (!impl_->console) return;
    ImFontAtlas* fonts = ImGui::GetIO().Fonts;
    const ImTextureID tex = fonts->TexID;  // the console's renderer clears the shared atlas's texture
    ImGui::SetCurrentContext(impl_->console_ctx);
    glfwMakeContextCurrent(impl_->console);
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext(impl_->console_ctx);
    glfwMakeContextCurrent(impl_->win);
    ImGui::SetCurrentContext(impl_->main_ctx);
    fonts->SetTexID(tex);
    glfwDestroyWindow(impl_->console);
    impl_->console = nullptr;
    impl_->console_ctx = nullptr;
}

bool Window::console_open() const {
    return impl_->console != nullptr;
}

std::pair<int, int> Window::console_size() const {
    int w = 0, h = 0;
    if (impl_->console) glfwGetFramebufferSize(impl_->console, &w, &h);
    return {w, h};
}

bool Window::console_frame(const std::function<void()>& draw, std::vector<unsigned char>* capture) {
    if (!impl_->console) return false;
    if (glfwWindowShouldClose(impl_->console)) {
        close_console();
        return false;
    }
    ImFontAtlas* fonts = ImGui::GetIO().Fonts;
    const ImTextureID tex = fonts->TexID;
    ImGui::SetCurrentContext(impl_->console_ctx);
    glfwMakeContextCurrent(impl_->console);
    ImGui_ImplOpenGL3_NewFrame();
    fonts->SetTexID(tex);  // the map window's font texture (shared), whatever the console's renderer made
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    draw();
    ImGui::Render();
    int w = 0, h = 0;
    glfwGetFramebufferSize(impl_->console, &w, &h);
    render::clear_window(w, h);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (capture) *capture = render::read_window_rgba(w, h);
    glfwSwapBuffers(impl_->console);
    glfwMakeContextCurrent(impl_->win);
    ImGui::SetCurrentContext(impl_->main_ctx);
    return true;
}

}  // namespace pa::ui
