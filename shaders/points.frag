#version 330 core
uniform vec4 u_color;
out vec4 frag;
void main() {
    vec2 c = gl_PointCoord * 2.0 - 1.0;
    float r = length(c);
    if (r > 1.0) discard;
    // A dark rim so points read on every fill colour.
    frag = r > 0.72 ? vec4(0.1, 0.1, 0.1, 0.9) : u_color;
}
