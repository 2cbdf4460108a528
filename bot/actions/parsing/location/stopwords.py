"""Words that never start the name of a town, street or named place."""

from __future__ import annotations

TOWN_STOP = frozenset(
    """i im i'm my the a an traffic it this that there here lane left right middle front back ditch mud snow
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december today tonight morning need please help thanks hi hello hey ok okay yes
    no stuck flat tow car truck what where when why how""".split()
)

STREET_NAME_STOP = frozenset(
    """a an the my our your his her their its it this that these those i im i'm me we you he she they
    on at in near by of off to from onto into past over under around down up along across behind before after
    and or but with without for is are was were be been am has have had do does did not no just
    car truck van suv tire tires tyre flat battery dead gas fuel stuck locked keys key tow towing need needs
    help broke broken down side dirt gravel back country private dark busy icy wet same other wrong long
    big small old new quiet highway freeway interstate exit mile marker parking lot way one
    any some every each which what where when how why there here right left middle""".split()
)
