#pragma once
// Move-only owners of OpenGL objects (ImHex's opengl.hpp idea). Created once, never per frame. Needs a
// current OpenGL 3.3 core context (GLFW window or the offscreen EGL context) when constructed and destroyed.
#include <epoxy/gl.h>

#include <string>
#include <utility>
#include <vector>

namespace pa::render {

/// Base for the wrappers: one GLuint name and the function that deletes it.
template <void (*Delete)(GLuint)>
class GlName {
  public:
    GlName() = default;
    explicit GlName(GLuint id) : id_(id) {}
    ~GlName() { reset(); }
    GlName(GlName&& o) noexcept : id_(std::exchange(o.id_, 0)) {}
    GlName& operator=(GlName&& o) noexcept {
        if (this != &o) {
            reset();
            id_ = std::exchange(o.id_, 0);
        }
        return *this;
    }
    GlName(const GlName&) = delete;
    GlName& operator=(const GlName&) = delete;
    GLuint id() const noexcept { return id_; }
    explicit operator bool() const noexcept { return id_ != 0; }
    void reset() {
        if (id_) Delete(id_);
        id_ = 0;
    }

  private:
    GLuint id_ = 0;
};

namespace detail {
void delete_buffer(GLuint id);
void delete_vertex_array(GLuint id);
void delete_program(GLuint id);
void delete_texture(GLuint id);
void delete_framebuffer(GLuint id);
void delete_renderbuffer(GLuint id);
}  // namespace detail

class Buffer : public GlName<detail::delete_buffer> {
  public:
    Buffer() = default;
    static Buffer create();
    /// Binds to `target` and uploads `bytes` (GL_STATIC_DRAW or the given usage).
    void upload(GLenum target, const void* data, size_t bytes, GLenum usage = GL_STATIC_DRAW);
    size_t size() const { return size_; }

  private:
    using GlName::GlName;
    size_t size_ = 0;
};

class VertexArray : public GlName<detail::delete_vertex_array> {
  public:
    VertexArray() = default;
    static VertexArray create();
    void bind() const { glBindVertexArray(id()); }

  private:
    using GlName::GlName;
};

class Texture : public GlName<detail::delete_texture> {
  public:
    Texture() = default;
    static Texture create();

  private:
    using GlName::GlName;
};

class Renderbuffer : public GlName<detail::delete_renderbuffer> {
  public:
    Renderbuffer() = default;
    static Renderbuffer create();

  private:
    using GlName::GlName;
};

class Framebuffer : public GlName<detail::delete_framebuffer> {
  public:
    Framebuffer() = default;
    static Framebuffer create();

  private:
    using GlName::GlName;
};

/// A linked GLSL program. Compile/link failures throw pa::InternalError with the shader's file name and the
/// log.
class Program : public GlName<detail::delete_program> {
  public:
    Program() = default;
    static Program from_sources(const std::string& vertex_src, const std::string& fragment_src,
                                const std::string& name);
    void use() const { glUseProgram(id()); }
    GLint uniform(const char* name) const { return glGetUniformLocation(id(), name); }

  private:
    using GlName::GlName;
};

/// An offscreen render target: multisampled colour (+ resolve texture) of a fixed size.
class RenderTarget {
  public:
    RenderTarget(int width, int height, int samples);
    void bind_for_drawing() const;
    /// Resolves the multisampled image and reads it back as RGBA8, top row first.
    std::vector<unsigned char> read_rgba() const;
    int width() const { return w_; }
    int height() const { return h_; }

  private:
    int w_, h_, samples_;
    Framebuffer ms_fbo_, resolve_fbo_;
    Renderbuffer ms_color_, resolve_color_;
};

}  // namespace pa::render
