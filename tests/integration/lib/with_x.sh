# Sourced by the viewer tests. with_x CMD...: runs CMD on the X display we already have (tools/test runs ctest under
# one Xvfb), else under its own Xvfb. Starting one `xvfb-run -a` per test races when tests run in parallel (two of
# them pick the same display number and one fails at once), so a display that exists is always reused.
with_x() {
  if [ -n "${DISPLAY:-}" ]; then "$@"; else xvfb-run -a -s "-screen 0 1920x1080x24" "$@"; fi
}
