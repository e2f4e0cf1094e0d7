"""``python -m zorglab.services.trainer_materials`` writes the printables into docs/trainer/."""

from zorglab.services.trainer_materials import main

main()
