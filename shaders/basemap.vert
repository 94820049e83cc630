#version 330 core
// A raster basemap warped to a box of the map's plane (core/raster/basemap): a quad at that box, given in clip
// space (u_rect: x0, y0 at the box's south-west corner, x1, y1 at its north-east); the image's top row is north.
uniform vec4 u_rect;
out vec2 v_uv;
void main() {
    vec2 corner = vec2(float(gl_VertexID & 1), float((gl_VertexID >> 1) & 1));
    v_uv = vec2(corner.x, 1.0 - corner.y);
    gl_Position = vec4(mix(u_rect.xy, u_rect.zw, corner), 0.0, 1.0);
}
