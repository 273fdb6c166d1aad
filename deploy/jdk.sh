#!/bin/sh
# Prints the home of a JDK 21 or newer, for the build and the stack: JAVA_HOME if it is one, else
# the java on the PATH, else one under /usr/lib/jvm (Linux) or /Library/Java (macOS).
# Prints nothing when there is none.
set -u
NEEDED=21

home_of_path_java() {
  command -v java >/dev/null 2>&1 &&
    java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p'
}

major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = //p' | cut -d. -f1
}

for home in "${JAVA_HOME:-}" path-java \
    $(ls -d /usr/lib/jvm/*/ /Library/Java/JavaVirtualMachines/*/Contents/Home/ 2>/dev/null | sort -rV); do
  # The java on the PATH is asked for its home only when JAVA_HOME is not already one.
  [ "$home" = path-java ] && home=$(home_of_path_java)
  home=${home%/}
  [ -n "$home" ] && [ -x "$home/bin/javac" ] || continue
  version=$(major "$home")
  if [ -n "$version" ] && [ "$version" -ge "$NEEDED" ]; then
    echo "$home"
    exit 0
  fi
done
