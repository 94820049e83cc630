#pragma once
// An offscreen OpenGL 3.3 core context through EGL: no window and no X display. Tries Mesa's surfaceless
// platform first (llvmpipe here), then the default display with a 1x1 pbuffer (NVIDIA's EGL on servers). Made
// current on construction; destroyed with the object. Draw into a RenderTarget (FBO).
#include <string>

namespace pa::render {

class EglContext {
  public:
    EglContext();
    ~EglContext();
    EglContext(const EglContext&) = delete;
    EglContext& operator=(const EglContext&) = delete;
    /// "Mesa llvmpipe (LLVM 15.0.6, 256 bits) — OpenGL 4.5 (Core Profile) Mesa 22.3.6" or similar.
    std::string describe() const;

  private:
    void* display_ = nullptr;  // EGLDisplay
    void* context_ = nullptr;  // EGLContext
    void* surface_ = nullptr;  // EGLSurface (pbuffer fallback only)
};

}  // namespace pa::render
