#include "render/egl_context.hpp"

#include <epoxy/egl.h>
#include <epoxy/gl.h>

#include "core/common/error.hpp"

namespace pa::render {

namespace {

EGLContext make_context(EGLDisplay dpy, EGLConfig cfg) {
    const EGLint attrs[] = {EGL_CONTEXT_MAJOR_VERSION,
                            3,
                            EGL_CONTEXT_MINOR_VERSION,
                            3,
                            EGL_CONTEXT_OPENGL_PROFILE_MASK,
                            EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT,
                            EGL_NONE};
    return eglCreateContext(dpy, cfg, EGL_NO_CONTEXT, attrs);
}

bool choose(EGLDisplay dpy, EGLint surface_type, EGLConfig& cfg) {
    const EGLint attrs[] = {EGL_SURFACE_TYPE,
                            surface_type,
                            EGL_RENDERABLE_TYPE,
                            EGL_OPENGL_BIT,
                            EGL_RED_SIZE,
                            8,
                            EGL_GREEN_SIZE,
                            8,
                            EGL_BLUE_SIZE,
                            8,
                            EGL_NONE};
    EGLint n = 0;
    return eglChooseConfig(dpy, attrs, &cfg, 1, &n) && n > 0;
}

}  // namespace

EglContext::EglContext() {
    EGLDisplay dpy = EGL_NO_DISPLAY;
    bool surfaceless = false;
    // 1. Mesa's surfaceless platform: no X, no GPU device needed.
    if (epoxy_has_egl_extension(EGL_NO_DISPLAY, "EGL_MESA_platform_surfaceless")) {
        dpy = eglGetPlatformDisplayEXT(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
        surfaceless = dpy != EGL_NO_DISPLAY;
    }
    EGLint major = 0, minor = 0;
    if (dpy != EGL_NO_DISPLAY && !eglInitialize(dpy, &major, &minor)) {
        dpy = EGL_NO_DISPLAY;
        surfaceless = false;
    }
    // 2. The default display (with a pbuffer).
    if (dpy == EGL_NO_DISPLAY) {
        dpy = eglGetDisplay(EGL_DEFAULT_DISPLAY);
        if (dpy == EGL_NO_DISPLAY || !eglInitialize(dpy, &major, &minor))
            throw InternalError(
                "No offscreen OpenGL is available: EGL found neither Mesa's surfaceless platform nor "
                "a default display; install Mesa's EGL (libegl-mesa0) or a GPU driver with EGL.");
    }
    display_ = dpy;
    if (!eglBindAPI(EGL_OPENGL_API)) {
        eglTerminate(dpy);
        throw InternalError(
            "EGL cannot bind the desktop OpenGL API (only OpenGL ES?); offscreen rendering needs "
            "OpenGL 3.3 core.");
    }
    EGLConfig cfg = nullptr;
    bool have_cfg = surfaceless ? (choose(dpy, 0, cfg) || choose(dpy, EGL_PBUFFER_BIT, cfg))
                                : choose(dpy, EGL_PBUFFER_BIT, cfg);
    if (!have_cfg) {
        eglTerminate(dpy);
        throw InternalError("EGL offers no RGB8 OpenGL configuration for offscreen rendering.");
    }
    EGLContext ctx = make_context(dpy, cfg);
    if (ctx == EGL_NO_CONTEXT) {
        eglTerminate(dpy);
        throw InternalError("EGL could not create an OpenGL 3.3 core context (driver too old?).");
    }
    context_ = ctx;
    EGLSurface surf = EGL_NO_SURFACE;
    if (!surfaceless) {
        const EGLint pb[] = {EGL_WIDTH, 1, EGL_HEIGHT, 1, EGL_NONE};
        surf = eglCreatePbufferSurface(dpy, cfg, pb);
        surface_ = surf;
    }
    if (!eglMakeCurrent(dpy, surf, surf, ctx)) {
        this->~EglContext();
        throw InternalError("EGL could not make the offscreen OpenGL context current.");
    }
}

EglContext::~EglContext() {
    if (!display_) return;
    EGLDisplay dpy = static_cast<EGLDisplay>(display_);
    eglMakeCurrent(dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    if (surface_) eglDestroySurface(dpy, static_cast<EGLSurface>(surface_));
    if (context_) eglDestroyContext(dpy, static_cast<EGLContext>(context_));
    eglTerminate(dpy);
    display_ = context_ = surface_ = nullptr;
}

std::string EglContext::describe() const {
    const auto* r = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    const auto* v = reinterpret_cast<const char*>(glGetString(GL_VERSION));
    return std::string(r ? r : "?") + " — OpenGL " + (v ? v : "?");
}

}  // namespace pa::render
