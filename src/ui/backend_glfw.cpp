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

}  // namespace pa::ui
