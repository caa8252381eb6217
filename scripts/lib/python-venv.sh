# A Python tool from PyPI in a venv of its own under the cache, shared by every checkout and keyed by
# its version: the first call installs it, later ones find it at once. Sourced by the scripts that
# need one (scripts/run/schemathesis.sh, scripts/deploy/chart-tools.sh).

# Prints the venv's directory. Args: package version.
ensure_pip_venv() {
  local package=$1 version=$2
  local cache=${PASAR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pasar}
  local venv=$cache/venv/$package-$version
  mkdir -p "$cache/venv"
  # A venv is not relocatable, so it is built in place; the stamp says the build finished.
  (
    flock 9
    if [ ! -f "$venv/.installed" ]; then
      printf '[pasar] installing %s %s from PyPI into %s\n' "$package" "$version" "$venv" >&2
      rm -rf "$venv"
      python3 -m venv "$venv"
      "$venv/bin/pip" install --quiet --disable-pip-version-check "$package==$version" >&2
      touch "$venv/.installed"
    fi
  ) 9>"$venv.lock"
  echo "$venv"
}
