#version 330 core
// Heat map, pass 1: adds weight × Gaussian kernel density (per m²) into an R32F target (additive blending).
in vec2 v_offset;
flat in float v_weight;
uniform float u_bandwidth_m;
out float o_density;
void main() {
    float r2 = dot(v_offset, v_offset);
    if (r2 > 9.0) discard;  // truncated at 3 bandwidths (98.9 % of the mass)
    o_density = v_weight * exp(-0.5 * r2) / (6.28318530718 * u_bandwidth_m * u_bandwidth_m);
}
