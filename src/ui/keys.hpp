#pragma once
// GLFW key codes the viewer's shortcuts use beyond ImGui's named keys (letters and digits are their ASCII
// upper-case codes in GLFW). Named here so that the frame loop reads as what it does.
namespace pa::ui::keys {

inline constexpr int kKeypadSubtract = 333;  // GLFW_KEY_KP_SUBTRACT
inline constexpr int kKeypadAdd = 334;       // GLFW_KEY_KP_ADD
inline constexpr int kF1 = 290;              // GLFW_KEY_F1: help
inline constexpr int kF5 = 294;              // GLFW_KEY_F5: start the storyboard presentation
inline constexpr int kF11 = 300;             // GLFW_KEY_F11: full screen

}  // namespace pa::ui::keys
