#version 330 core
// Zone outlines as screen-space thick lines: each segment is two triangles whose vertices are pushed sideways by
// half the width in pixels (and along the segment by half the width, so corners join without gaps).
layout(location = 0) in vec2 a_pos;
layout(location = 1) in vec2 a_other;
layout(location = 2) in float a_side;
uniform vec4 u_view;
uniform vec2 u_viewport;      // pixels
uniform float u_width;        // pixels
void main() {
    vec2 p = vec2((a_pos.x - u_view.x) * u_view.z, (a_pos.y - u_view.y) * u_view.w);
    vec2 o = vec2((a_other.x - u_view.x) * u_view.z, (a_other.y - u_view.y) * u_view.w);
    vec2 ps = p * u_viewport * 0.5, os = o * u_viewport * 0.5;
    vec2 d = os - ps;
    float len = length(d);
    d = len > 1e-6 ? d / len : vec2(1.0, 0.0);
    vec2 n = vec2(-d.y, d.x);
    vec2 s = ps + (n * a_side - d) * (u_width * 0.5);
    gl_Position = vec4(s / (u_viewport * 0.5), 0.0, 1.0);
}
