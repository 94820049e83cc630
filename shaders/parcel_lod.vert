#version 330 core
// Far-zoom level of detail: one square point per parcel at its centroid, its side the parcel's area-preserving side
// (sqrt(area)) in pixels, at least one pixel; colour from the same per-parcel buffer texture as the fill. The
// parcel's index is the vertex's (one point per parcel, in parcel order).
layout(location = 0) in vec2 a_pos;
layout(location = 1) in float a_side_m;  // 0: the parcel has no geometry
uniform vec4 u_view;                     // centre x, centre y (m), 2/(width*m_per_px), 2/(height*m_per_px)
uniform float u_px_per_m;
uniform samplerBuffer u_colors;
uniform int u_hover;
uniform int u_selected;
flat out vec4 v_color;
void main() {
    int idx = gl_VertexID;
    vec4 c = texelFetch(u_colors, idx);
    if (idx == u_hover) c.rgb = mix(c.rgb, vec3(1.0), 0.35);
    if (idx == u_selected) c.rgb = mix(c.rgb, vec3(1.0, 0.95, 0.2), 0.45);
    v_color = c;
    gl_Position = a_side_m > 0.0
        ? vec4((a_pos.x - u_view.x) * u_view.z, (a_pos.y - u_view.y) * u_view.w, 0.0, 1.0)
        : vec4(2.0, 2.0, 0.0, 1.0);  // outside the clip volume: not drawn
    gl_PointSize = max(1.0, a_side_m * u_px_per_m);
}
