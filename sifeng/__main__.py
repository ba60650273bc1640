from sifeng.cli import main

main()
