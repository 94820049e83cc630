#version 330 core
// Overlay lines (hull outlines, chain links) as screen-space thick lines with a colour and owner per vertex: each
// segment is two triangles pushed sideways by half the width in pixels (see thick_line.vert). The highlighted
// owner is drawn twice as wide.
layout(location = 0) in vec2 a_pos;
layout(location = 1) in vec2 a_other;
layout(location = 2) in float a_side;
layout(location = 3) in vec4 a_color;
layout(location = 4) in uint a_owner;
uniform vec4 u_view;
uniform vec2 u_viewport;      // pixels
uniform float u_width;        // pixels
uniform int u_highlight;
flat out vec4 v_color;
void main() {
    vec2 p = vec2((a_pos.x - u_view.x) * u_view.z, (a_pos.y - u_view.y) * u_view.w);
    vec2 o = vec2((a_other.x - u_view.x) * u_view.z, (a_other.y - u_view.y) * u_view.w);
    vec2 ps = p * u_viewport * 0.5, os = o * u_viewport * 0.5;
    vec2 d = os - ps;
    float len = length(d);
    d = len > 1e-6 ? d / len : vec2(1.0, 0.0);
    vec2 n = vec2(-d.y, d.x);
    float w = int(a_owner) == u_highlight ? u_width * 2.0 : u_width;
    vec2 s = ps + (n * a_side - d) * (w * 0.5);
    gl_Position = vec4(s / (u_viewport * 0.5), 0.0, 1.0);
    v_color = a_color;
}
