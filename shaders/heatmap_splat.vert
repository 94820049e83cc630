#version 330 core
// Heat map, pass 1: one quad per point (instanced), 3 bandwidths wide, in world metres around the camera centre.
layout(location = 0) in vec3 a_point;   // x_m, y_m (world metres of the camera's local projection), weight
uniform vec2 u_centre;                  // camera centre, metres
uniform vec2 u_scale;                   // metres -> NDC: 2 / (viewport pixels * metres per pixel), per axis
uniform float u_bandwidth_m;            // Gaussian sigma, metres
out vec2 v_offset;                      // position within the kernel, in bandwidths
flat out float v_weight;
const vec2 kCorners[4] = vec2[4](vec2(-1.0, -1.0), vec2(1.0, -1.0), vec2(-1.0, 1.0), vec2(1.0, 1.0));
void main() {
    vec2 corner = kCorners[gl_VertexID] * 3.0;
    v_offset = corner;
    v_weight = a_point.z;
    vec2 world = a_point.xy + corner * u_bandwidth_m;
    gl_Position = vec4((world - u_centre) * u_scale, 0.0, 1.0);
}
