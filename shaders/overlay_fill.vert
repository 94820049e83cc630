#version 330 core
// Overlay polygons (cluster hulls): local metres, a colour and an owner per vertex. The highlighted owner is drawn
// more opaque.
layout(location = 0) in vec2 a_pos;
layout(location = 1) in vec4 a_color;   // RGBA8, normalised
layout(location = 2) in uint a_owner;
uniform vec4 u_view;                    // centre x, centre y (m), 2/(width*m_per_px), 2/(height*m_per_px)
uniform int u_highlight;
flat out vec4 v_color;
void main() {
    gl_Position = vec4((a_pos.x - u_view.x) * u_view.z, (a_pos.y - u_view.y) * u_view.w, 0.0, 1.0);
    vec4 c = a_color;
    if (int(a_owner) == u_highlight) c.a = min(1.0, c.a * 2.0 + 0.1);
    v_color = c;
}
