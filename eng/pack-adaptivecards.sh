#!/usr/bin/env bash
# Packs the AdaptiveCards compatibility package (see AdaptiveCards/AdaptiveCards.csproj) into
# eng/packages, the local feed that nuget.config maps the id "AdaptiveCards" to.
# Run it after any change under eng/AdaptiveCards; the test AdaptiveCardsPackageTests fails until you do.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$here/AdaptiveCards"
out="$here/packages"

# The hashes of the source files travel inside the package so a test can detect drift.
mkdir -p "$project/obj"
(cd "$project" && LC_ALL=C sha256sum AdaptiveCards.csproj ./*.cs | sed 's#  \./#  #' > obj/source.sha256)

rm -f "$out"/adaptivecards.*.nupkg "$out"/AdaptiveCards.*.nupkg
dotnet pack "$project/AdaptiveCards.csproj" -c Release -o "$out" -p:IntermediateOutputPath=obj/ --nologo -v quiet
rm -rf "$project/bin" "$project/obj"

# A restore caches packages by id and version; drop the cached copy so the new one is used.
rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/adaptivecards/3.1.0"
echo "packed: $(ls "$out"/*.nupkg)"
