#version 330 core
// The basemap's straight-alpha RGBA, blended over the cleared background.
in vec2 v_uv;
uniform sampler2D u_image;
out vec4 frag;
void main() {
    vec4 c = texture(u_image, v_uv);
    if (c.a <= 0.0) discard;
    frag = c;
}
