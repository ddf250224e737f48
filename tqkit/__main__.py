from tqkit.cli import main

main()
