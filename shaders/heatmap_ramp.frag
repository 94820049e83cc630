#version 330 core
// Heat map, pass 2: density / max -> colour ramp, blended over the map. The ramp is inferno's (matplotlib) from
// 2/9 to 8/9: perceptually uniform, its lightness rising monotonically from dark purple to yellow, so it reads
// the same for the common colour-vision deficiencies and in grey. The same stops as heat_ramp_color
// (src/render/heatmap.cpp; a test compares them).
in vec2 v_uv;
uniform sampler2D u_density;
uniform float u_max_density;
uniform float u_opacity;
out vec4 o_colour;
const vec3 kStops[7] = vec3[7](vec3(0.290, 0.047, 0.420), vec3(0.471, 0.110, 0.427), vec3(0.647, 0.173, 0.376),
                               vec3(0.812, 0.267, 0.275), vec3(0.929, 0.412, 0.145), vec3(0.984, 0.608, 0.024),
                               vec3(0.969, 0.820, 0.239));
void main() {
    float t = clamp(texture(u_density, v_uv).r / max(u_max_density, 1e-30), 0.0, 1.0);
    if (t < 0.02) discard;
    float s = t * 6.0;
    int i = min(int(s), 5);
    vec3 c = mix(kStops[i], kStops[i + 1], s - float(i));
    o_colour = vec4(c, u_opacity * smoothstep(0.0, 0.25, t));
}
