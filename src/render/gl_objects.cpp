#include "render/gl_objects.hpp"

#include <algorithm>
#include <vector>

#include "core/common/error.hpp"

namespace pa::render {

namespace detail {
void delete_buffer(GLuint id) {
    glDeleteBuffers(1, &id);
}
void delete_vertex_array(GLuint id) {
    glDeleteVertexArrays(1, &id);
}
void delete_program(GLuint id) {
    glDeleteProgram(id);
}
void delete_texture(GLuint id) {
    glDeleteTextures(1, &id);
}
void delete_framebuffer(GLuint id) {
    glDeleteFramebuffers(1, &id);
}
void delete_renderbuffer(GLuint id) {
    glDeleteRenderbuffers(1, &id);
}
}  // namespace detail

Buffer Buffer::create() {
    GLuint id = 0;
    glGenBuffers(1, &id);
    if (!id) throw InternalError("OpenGL could not create a buffer object (is a context current?).");
    return Buffer(id);
}

void Buffer::upload(GLenum target, const void* data, size_t bytes, GLenum usage) {
    glBindBuffer(target, id());
    glBufferData(target, static_cast<GLsizeiptr>(bytes), data, usage);
    size_ = bytes;
}

VertexArray VertexArray::create() {
    GLuint id = 0;
    glGenVertexArrays(1, &id);
    if (!id) throw InternalError("OpenGL could not create a vertex array object.");
    return VertexArray(id);
}

Texture Texture::create() {
    GLuint id = 0;
    glGenTextures(1, &id);
    if (!id) throw InternalError("OpenGL could not create a texture.");
    return Texture(id);
}

Renderbuffer Renderbuffer::create() {
    GLuint id = 0;
    glGenRenderbuffers(1, &id);
    if (!id) throw InternalError("OpenGL could not create a renderbuffer.");
    return Renderbuffer(id);
}

Framebuffer Framebuffer::create() {
    GLuint id = 0;
    glGenFramebuffers(1, &id);
    if (!id) throw InternalError("OpenGL could not create a framebuffer.");
    return Framebuffer(id);
}

namespace {

GLuint compile(GLenum kind, const std::string& src, const std::string& name) {
    GLuint s = glCreateShader(kind);
    const char* p = src.c_str();
    glShaderSource(s, 1, &p, nullptr);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        std::vector<char> log(4096);
        glGetShaderInfoLog(s, static_cast<GLsizei>(log.size()), nullptr, log.data());
        glDeleteShader(s);
        throw InternalError("The shader '" + name + (kind == GL_VERTEX_SHADER ? ".vert" : ".frag") +
                            "' does not compile: " + log.data());
    }
    return s;
}

}  // namespace

Program Program::from_sources(const std::string& vertex_src, const std::string& fragment_src,
                              const std::string& name) {
    GLuint vs = compile(GL_VERTEX_SHADER, vertex_src, name);
    GLuint fs = 0;
    try {
        fs = compile(GL_FRAGMENT_SHADER, fragment_src, name);
    } catch (...) {
        glDeleteShader(vs);
        throw;
    }
    GLuint p = glCreateProgram();
    glAttachShader(p, vs);
    glAttachShader(p, fs);
    glLinkProgram(p);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(p, GL_LINK_STATUS, &ok);
    if (!ok) {
        std::vector<char> log(4096);
        glGetProgramInfoLog(p, static_cast<GLsizei>(log.size()), nullptr, log.data());
        glDeleteProgram(p);
        throw InternalError("The shader program '" + name + "' does not link: " + log.data());
    }
    return Program(p);
}

RenderTarget::RenderTarget(int width, int height, int samples)
    : w_(width),
      h_(height),
      samples_(samples),
      ms_fbo_(Framebuffer::create()),
      resolve_fbo_(Framebuffer::create()),
      ms_color_(Renderbuffer::create()),
      resolve_color_(Renderbuffer::create()) {
    GLint max_size = 0;
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &max_size);
    if (w_ < 1 || h_ < 1 || (max_size > 0 && (w_ > max_size || h_ > max_size)))
        throw InputError("A picture of " + std::to_string(w_) + "x" + std::to_string(h_) +
                         " pixels is larger than this OpenGL allows (" + std::to_string(max_size) + "x" +
                         std::to_string(max_size) + "); give a smaller --size.");
    // A very large picture may not fit with multisampling (16384x16384 at 4 samples is 4 GB): fewer samples,
    // then none, before giving up.
    for (;;) {
        glBindRenderbuffer(GL_RENDERBUFFER, ms_color_.id());
        while (glGetError() != GL_NO_ERROR) {
        }
        glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples_, GL_RGBA8, w_, h_);
        const bool stored = glGetError() == GL_NO_ERROR;
        glBindFramebuffer(GL_FRAMEBUFFER, ms_fbo_.id());
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, ms_color_.id());
        if (stored && glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE) break;
        if (samples_ == 0)
            throw InputError("There is not enough graphics memory for a picture of " + std::to_string(w_) +
                             "x" + std::to_string(h_) + " pixels; give a smaller --size.");
        samples_ /= 2;
        if (samples_ == 1) samples_ = 0;
    }
    glBindRenderbuffer(GL_RENDERBUFFER, resolve_color_.id());
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, w_, h_);
    glBindFramebuffer(GL_FRAMEBUFFER, resolve_fbo_.id());
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, resolve_color_.id());
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
        throw InternalError("The offscreen resolve framebuffer is incomplete.");
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

void RenderTarget::bind_for_drawing() const {
    glBindFramebuffer(GL_FRAMEBUFFER, ms_fbo_.id());
    glViewport(0, 0, w_, h_);
}

std::vector<unsigned char> RenderTarget::read_rgba() const {
    glBindFramebuffer(GL_READ_FRAMEBUFFER, ms_fbo_.id());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, resolve_fbo_.id());
    glBlitFramebuffer(0, 0, w_, h_, 0, 0, w_, h_, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, resolve_fbo_.id());
    std::vector<unsigned char> px(static_cast<size_t>(w_) * h_ * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, w_, h_, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    // OpenGL's first row is the bottom one; images want the top one first.
    std::vector<unsigned char> out(px.size());
    const size_t row = static_cast<size_t>(w_) * 4;
    for (int y = 0; y < h_; ++y)
        std::copy_n(px.data() + static_cast<size_t>(h_ - 1 - y) * row, row,
                    out.data() + static_cast<size_t>(y) * row);
    return out;
}

}  // namespace pa::render
