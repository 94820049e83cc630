#version 330 core
flat in vec4 v_color;
out vec4 frag;
void main() {
    if (v_color.a <= 0.0) discard;  // filtered out with alpha 0
    frag = v_color;
}
