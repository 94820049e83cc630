#version 330 core
// Parcel fill and outline vertices: local metres + the parcel's index, which looks its colour up in a buffer
// texture (one RGBA8 per parcel) so a theme change re-uploads only that small array.
layout(location = 0) in vec2 a_pos;
layout(location = 1) in uint a_parcel;
uniform vec4 u_view;          // centre x, centre y (m), 2/(width*m_per_px), 2/(height*m_per_px)
uniform samplerBuffer u_colors;
uniform int u_hover;
uniform int u_selected;
uniform int u_outline;        // 1: drawing outlines
flat out vec4 v_color;
void main() {
    gl_Position = vec4((a_pos.x - u_view.x) * u_view.z, (a_pos.y - u_view.y) * u_view.w, 0.0, 1.0);
    vec4 c = texelFetch(u_colors, int(a_parcel));
    int idx = int(a_parcel);
    if (u_outline == 1) {
        // Outlines: a darker shade of the fill (white-ish for dark fills), stronger for the selection.
        vec3 o = dot(c.rgb, vec3(0.299, 0.587, 0.114)) > 0.45 ? c.rgb * 0.55 : mix(c.rgb, vec3(1.0), 0.6);
        v_color = idx == u_selected ? vec4(0.05, 0.05, 0.05, 1.0) : vec4(o, c.a);
    } else {
        if (idx == u_hover) c.rgb = mix(c.rgb, vec3(1.0), 0.35);
        if (idx == u_selected) c.rgb = mix(c.rgb, vec3(1.0, 0.95, 0.2), 0.45);
        v_color = c;
    }
    // Alpha 0 = not drawn (a zone without fill): every vertex of its triangles (one owner each) outside the clip
    // volume, so the triangles are culled before any pixel.
    if (v_color.a <= 0.0) gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
}
