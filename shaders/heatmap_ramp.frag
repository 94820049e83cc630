#version 330 core
// Heat map, pass 2: density / max -> colour ramp (transparent, blue, cyan, green, yellow, red), blended over the map.
in vec2 v_uv;
uniform sampler2D u_density;
uniform float u_max_density;
uniform float u_opacity;
out vec4 o_colour;
const vec3 kStops[5] = vec3[5](vec3(0.19, 0.21, 0.58), vec3(0.17, 0.63, 0.80), vec3(0.40, 0.76, 0.40),
                               vec3(0.99, 0.85, 0.22), vec3(0.84, 0.10, 0.11));
void main() {
    float t = clamp(texture(u_density, v_uv).r / max(u_max_density, 1e-30), 0.0, 1.0);
    if (t < 0.02) discard;
    float s = t * 4.0;
    int i = min(int(s), 3);
    vec3 c = mix(kStops[i], kStops[i + 1], s - float(i));
    o_colour = vec4(c, u_opacity * smoothstep(0.0, 0.25, t));
}
