#version 330 core
// No discard here (a colour with alpha 0, "not drawn", moves its vertices out of view in map_fill.vert): a shader
// without discard lets a software rasteriser fill whole covered blocks without per-pixel masks.
flat in vec4 v_color;
out vec4 frag;
void main() { frag = v_color; }
