#version 330 core
// Projects as round points sized by fixed-asset investment (area ∝ investment).
layout(location = 0) in vec2 a_pos;
layout(location = 1) in float a_invest_wan;
uniform vec4 u_view;
uniform float u_scale;        // pixel diameter of a 10 亿元 (100000 万元) project
uniform float u_min_px;
void main() {
    gl_Position = vec4((a_pos.x - u_view.x) * u_view.z, (a_pos.y - u_view.y) * u_view.w, 0.0, 1.0);
    gl_PointSize = clamp(u_scale * sqrt(max(a_invest_wan, 0.0) / 100000.0), u_min_px, 40.0);
}
