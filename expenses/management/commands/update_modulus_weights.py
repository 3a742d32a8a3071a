"""Replace the shipped modulus weight table with one the finance team downloaded from Vocalink.

    python manage.py update_modulus_weights valacdos.txt --substitutions scsubtab.txt \\
        --valid-from 2026-03-02

The files are checked before anything is replaced: each line must be in Vocalink's format, and
the table must give the right answer for every test case published with the specification. The
new files are written to expenses/data/ as valacdos-YYYYMMDD.txt (and scsubtab-YYYYMMDD.txt)
and the older ones removed; commit them and deploy (docs/bacs.md).
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from expenses import modulus


def _read(path: str) -> str:
    try:
        with open(path, encoding="ascii") as file:
            return file.read()
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise CommandError(
            f"{path}: not a Vocalink text file (it has characters other than plain ASCII)"
        ) from None


def _normalised(text: str) -> str:
    """Vocalink's files have Windows line endings; the shipped copy has plain ones."""
    return "".join(line.rstrip() + "\n" for line in text.splitlines() if line.strip())


class Command(BaseCommand):
    help = "Check and install a new Vocalink modulus weight table (and substitution table)."

    def add_arguments(self, parser):
        parser.add_argument("weights", help="the modulus weight table file (VALACDOS)")
        parser.add_argument(
            "--substitutions", help="the sorting code substitution table file (SCSUBTAB)"
        )
        parser.add_argument(
            "--valid-from",
            required=True,
            help="the date Vocalink says the table applies from, as YYYY-MM-DD",
        )

    def handle(self, *args, weights, substitutions, valid_from, **options):
        try:
            valid_from = date.fromisoformat(str(valid_from))
        except ValueError:
            raise CommandError("--valid-from must be a date like 2026-03-02") from None
        weights_text = _read(weights)
        try:
            rules = modulus.parse_weights(weights_text)
        except modulus.TableError as error:
            raise CommandError(f"{weights}: {error}") from None
        substitutions_text = None
        if substitutions:
            substitutions_text = _read(substitutions)
            try:
                substitution_table = modulus.parse_substitutions(substitutions_text)
            except modulus.TableError as error:
                raise CommandError(f"{substitutions}: {error}") from None
        else:
            substitution_table = modulus.table().substitutions
        _, shipped_from = modulus.dated_file(modulus.WEIGHTS_PREFIX)
        if valid_from < shipped_from:
            raise CommandError(
                f"The shipped table applies from {shipped_from:%d %B %Y}, later than this one."
            )
        new = modulus.Table(valid_from=valid_from, rules=rules, substitutions=substitution_table)
        wrong = modulus.failing_published_cases(new)
        if wrong:
            cases = ", ".join(f"{sort_code} {account}" for sort_code, account, _ in wrong)
            raise CommandError(
                "The new table gets these published test cases wrong, so it was not installed: "
                f"{cases}. Check that the files are the ones Vocalink published together."
            )
        written = [self._install(modulus.WEIGHTS_PREFIX, weights_text, valid_from)]
        if substitutions_text is not None:
            written.append(
                self._install(modulus.SUBSTITUTIONS_PREFIX, substitutions_text, valid_from)
            )
        modulus.table.cache_clear()
        self.stdout.write(
            f"Installed {', '.join(written)}: {len(rules)} rules, "
            f"{len(substitution_table)} substitutions, from {valid_from:%d %B %Y}. "
            "Commit expenses/data/ and deploy."
        )

    def _install(self, prefix: str, text: str, valid_from: date) -> str:
        """Write the new dated file, then remove the others with the same prefix."""
        directory = modulus.DATA_DIR
        name = f"{prefix}-{valid_from:%Y%m%d}.txt"
        (directory / name).write_text(_normalised(text), encoding="ascii")
        for path in directory.glob(f"{prefix}-*.txt"):
            if path.name != name:
                path.unlink()
        return name
