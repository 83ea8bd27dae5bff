"""Common given names: tell a person's name from a capitalised phrase or a brand.

A name standing alone ("Stefan Wasmer" closing an article, "Jane Doe" on janedoe.example)
looks like any other capitalised phrase ("Weitere Informationen", "Zoo Berlin"). The
test used by the author rules is that the name's first word is a known given name.

The table holds common first names (and usual short forms) of the languages of the news
we archive, from general knowledge of the most frequent names per country; it is
deliberately not exhaustive. Names that are more often an ordinary word in news text
than a name are left out (see ``_EXCLUDED``). The set is built on first use (about 10 ms,
once per process); importing the module costs nothing.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_NAMES = {
    "english": """
        Aaron Abigail Adam Adrian Aidan Alan Albert Alex Alexander Alexandra Alexis Alfred
        Alice Alicia Alison Allison Amanda Amber Amelia Amy Andrea Andrew Andy Angela Angie
        Ann Anna Anne Annie Anthony Antony Arthur Ashley Audrey Austin Barbara Barry Ben
        Benjamin Bernard Beth Betty Beverly Bob Bobby Bonnie Brad Bradley Brandon Brenda
        Brendan Brett Brian Bridget Brittany Brooke Bruce Bryan Caitlin Calvin Cameron Carl
        Carol Caroline Carolyn Catherine Cathy Charles Charlie Charlotte Chelsea Cheryl Chloe
        Chris Christian Christina Christine Christopher Cindy Claire Clara Clare Colin Connor
        Courtney Craig Crystal Cynthia Dale Daniel Danielle Danny Darren David Dean Deborah
        Debbie Dennis Derek Diana Diane Donald Donna Doris Dorothy Douglas Dylan Edward Eileen
        Elaine Eleanor Elizabeth Ella Ellen Emily Emma Eric Erica Erin Ethan Eugene Evan
        Evelyn Frances Francis Frank Fred Frederick Gail Gary Gavin Gemma Geoffrey George
        Gerald Gillian Gina Glen Glenn Gloria Gordon Grace Graham Greg Gregory Hannah Harold
        Harriet Harry Heather Helen Henry Holly Howard Hugh Ian Isaac Isabel Isabella Jack
        Jackie Jacob Jacqueline Jake James Jamie Jane Janet Janice Jason Jean Jeff Jeffrey
        Jennifer Jenny Jeremy Jerry Jesse Jessica Jill Jim Jimmy Joan Joanna Joanne Joe Joel
        John Johnny Jon Jonathan Jordan Joseph Josh Joshua Joyce Judith Judy Julia Julian
        Julie Justin Karen Kate Katherine Kathleen Kathryn Kathy Katie Kay Keith Kelly Ken
        Kenneth Kevin Kim Kimberly Kirsty Kyle Larry Laura Lauren Lawrence Leah Lee Leonard
        Leslie Liam Lily Linda Lindsay Lisa Liz Logan Lois Lori Louis Louise Lucy Luke Lydia
        Lynn Madison Maggie Margaret Maria Marie Marilyn Mark Martha Martin Mary Matt Matthew
        Maureen Megan Melanie Melissa Michael Michelle Mike Molly Nancy Naomi Natalie Nathan
        Neil Nicholas Nick Nicola Nicole Noah Norman Oliver Olivia Owen Pamela Patricia
        Patrick Paul Paula Peggy Penny Peter Philip Phillip Phoebe Rachel Ralph Randy Raymond
        Rebecca Richard Rick Rita Rob Robert Robin Roger Ronald Rosa Rose Ross Roy Russell
        Ruth Ryan Sally Samantha Samuel Sandra Sara Sarah Scott Sean Shane Sharon Shaun
        Sheila Shirley Simon Sophie Stacy Stanley Stephanie Stephen Steve Steven Stuart Susan
        Suzanne Sylvia Tammy Tanya Teresa Terry Theresa Thomas Tim Timothy Tina Todd Tom Tony
        Tracy Trevor Tyler Valerie Vanessa Veronica Victoria Vincent Virginia Walter Wayne
        Wendy William Zachary Zoe Abby Ada Ali Ally Archie Beatrice Becky Billy Brent
        Callum Casey Chad Chuck Dave Declan Dolly Drew Duncan Eddie Elijah Eliza Elliot Emmett
        Finn Fiona Gabriel Gene Hailey Harvey Hazel Ivy Jeanne Jen Jenna Jess Jesus Josie
        Kaitlyn Karl Katy Kerry Kristen Kristin Lance Leo Lewis Lorna Mabel Marcus Meg
        Mitchell Morgan Nate Ned Nigel Noel Olive Pete Phil Riley Rory Sadie Sam Seth Shannon
        Sophia Spencer Stella Sue Ted Teddy Tess Theo Toby Tommy Travis Vera Vicky Wesley
    """,
    "german": """
        Achim Agnes Alexa Alois Andreas Angelika Anja Anke Annette Antje Armin Arne Astrid
        Axel Barbara Bärbel Beate Benedikt Benni Bernd Bernhard Bettina Birgit Björn Bodo
        Brigitte Burkhard Carina Carsten Christa Christiane Christoph Claudia Cornelia
        Cornelius Dagmar Daniela Detlef Dieter Dietmar Dirk Doris Dorothea Edgar Elfriede
        Elke Elisabeth Elias Emil Emilia Erich Erika Ernst Erwin Eva Ewald Fabian Felix
        Florian Frank Franz Franziska Frieda Friedrich Fritz Gabi Gabriele Georg Gerd Gerda
        Gerhard Gernot Gerrit Gertrud Gisela Götz Gregor Gudrun Günter Günther Gustav Hanna
        Hannelore Hannes Hans Harald Hartmut Hauke Heike Heiko Heinrich Heinz Helga Helmut
        Henning Herbert Hermann Hilde Horst Hubert Ilse Ina Inge Ingo Ingrid Irmgard Iris
        Isabell Jan Jana Janina Jens Joachim Jochen Johann Johanna Johannes Jonas Jörg
        Josef Jürgen Jutta Kai Karin Karsten Katharina Kathrin Katja Katrin Klaus Konrad
        Kristina Kurt Lars Lena Leon Lina Lisa Lothar Lukas Lutz Magdalena Maik Malte Manfred
        Manuel Manuela Marco Marcel Margarete Marianne Mario Marion Markus Marlene Martina
        Mathias Matthias Max Maximilian Mechthild Melanie Michaela Mirko Monika Nadine Nils
        Nina Norbert Olaf Ole Oliver Otto Pascal Petra Philipp Rainer Ralf Regina Reinhard
        Reinhold Renate Rene René Rita Roland Rolf Rosemarie Rudolf Rüdiger Sabine Sandra
        Sascha Sebastian Siegfried Silke Silvia Simone Sonja Stefan Stefanie Steffen Steffi
        Stephan Susanne Svenja Sven Swen Sybille Tanja Thilo Thorsten Tilo Tobias Torsten
        Udo Ulf Ulla Ulrich Ulrike Ursula Ute Uwe Verena Volker Waltraud Werner Wilhelm
        Willi Wolfgang Wolf Yvonne Christel Friedhelm Gunter Hannah Heidi Hildegard Ingeborg
        Jasmin Jessika Kerstin Klara Leonie Lieselotte Luise Mareike Maren Marlies Meike
        Miriam Nicole Ottilie Roswitha Sigrid Tamara Theo Till Timo Tino Vanessa Wiebke
        Jannik Jakob Moritz Niklas Luca Finn Paul Ben Henri Mats Frederik Malte Thomas
        Andrea Birte Dörte Ilona Inka Maja Merle Nele Sönke Henrik Dago
    """,
    "french": """
        Adèle Agathe Aline Amélie André Anne-Marie Antoine Arnaud Aurélie Baptiste Benoît
        Bernadette Bertrand Brigitte Bruno Camille Cécile Céline Chantal Charlotte Christelle
        Christophe Claude Clément Colette Corinne Damien Denis Denise Didier Dominique Édith
        Élise Éloïse Émile Émilie Éric Étienne Fabien Fabrice Florence Florian François
        Françoise Frédéric Gaëlle Geneviève Georges Gérard Gilles Guillaume Hélène Henri
        Hervé Hugo Isabelle Jacques Jean Jean-Claude Jean-Luc Jean-Marc Jean-Paul
        Jean-Pierre Jérôme Joël Josiane Julien Juliette Laetitia Laurence Laurent Léa Lionel
        Louis Lucas Lucie Lucien Luc Madeleine Manon Marc Marcel Margaux Marguerite
        Marie-Claire Marine Martine Mathieu Maurice Michel Michèle Mireille Monique Muriel
        Nathalie Nicolas Noémie Océane Olivier Pascal Pascale Patrice Philippe Pierre
        Raphaël Régis Rémi Renée Roger Romain Sandrine Sébastien Serge Simone Solène Sophie
        Stéphane Stéphanie Suzanne Sylvain Sylvie Thierry Thibault Valérie Véronique Vincent
        Virginie Yannick Yves Yvette Jeanne Mathilde Léon Théo Jules Gaston Hubert Ginette
        Aurore Bastien Cédric Cyril Delphine Emmanuel Emmanuelle Gaël Gwenaëlle Ludovic
        Maxime Mélanie Nadège Perrine Quentin Sabrina Tristan Xavier Yann Zoé Denise
    """,
    "spanish_portuguese": """
        Adriana Alberto Alejandra Alejandro Alfonso Alicia Álvaro Ana Andrés Ángel Antonia
        Antonio Beatriz Carlos Carmen Carolina Catalina Cristina Daniela Diego Dolores Eduardo
        Elena Emilio Enrique Esteban Eva Federico Felipe Fernanda Fernando Francisca
        Francisco Gabriela Gonzalo Guadalupe Guillermo Gustavo Héctor Ignacio Inés Isabel
        Javier Jesús Joaquín Jorge José Josefa Juan Juana Julio Laura Leonardo Lorena Lucía
        Luis Luisa Manuel Manuela Marcela Marcos Margarita María Mariana Marina Mario Marta
        Martín Mercedes Miguel Mónica Natalia Nicolás Nuria Óscar Pablo Paola Patricia Pedro
        Pilar Rafael Ramón Raquel Raúl Ricardo Roberto Rocío Rodolfo Rodrigo Rosa Rosario
        Santiago Sergio Silvia Sofía Susana Teresa Tomás Valentina Verónica Vicente Víctor
        Ximena Yolanda Agustín Camila Cecilia Claudio Emiliano Facundo Florencia Gerardo
        Hernán Jimena Lautaro Matías Mauricio Milagros Nahuel Octavio Renata Rubén Sebastián
        Ulises Valeria Fabiola Consuelo Amparo Inmaculada Begoña Iñaki Jordi Josep Montserrat
        Xavier Núria Pau Marc Oriol João Joaquim Antônio Francisco Luiz Luíza Gonçalo Tiago
        Thiago Rafaela Bruna Vitória Letícia Larissa Camilo Caio Vinícius Rodrigues Fábio
        Márcio Paulo Cláudia Sônia Conceição Graça Helena Raimundo Sebastião Severino
        Henrique Gustavo Leandro Luana Raphael Felipe Renato Marcelo Sandro Wagner Washington
    """,
    "italian": """
        Alessandra Alessandro Alessia Andrea Angelo Anna Antonella Antonio Arianna Beatrice
        Bruno Carla Carlo Caterina Chiara Claudio Cristian Daniele Dario Davide Domenico Elena
        Elisa Emanuele Enrico Enzo Fabio Federica Federico Filippo Francesca Francesco Franco
        Gabriele Giacomo Gianluca Gianni Giorgia Giorgio Giovanna Giovanni Giulia Giulio
        Giuseppe Giuseppina Lorenzo Luca Lucia Luciano Luigi Marco Maria Mario Marta Massimo
        Matteo Maurizio Michele Mirko Nicola Paola Paolo Pietro Raffaele Riccardo Roberta
        Roberto Rosa Salvatore Sara Serena Silvia Simona Simone Stefania Stefano Tommaso
        Valentina Valerio Vincenzo Vittoria Vittorio Alberto Aldo Alfredo Amedeo Carmela
        Concetta Cosimo Donatella Elio Ettore Fiorella Gaetano Gino Ilaria Loredana Marcello
        Mariella Nunzio Ornella Patrizia Pasquale Raffaella Rocco Sergio Teresa Umberto
    """,
    "dutch_nordic": """
        Anouk Arjen Bas Bram Daan Dirk Eline Emma Erik Esther Femke Floor Frans Gerrit Geert
        Hendrik Henk Ilse Inge Jaap Jan Jeroen Joost Joris Kees Koen Lieke Lotte Maarten
        Marieke Martijn Niels Pieter Rik Roel Ruud Sander Sanne Sem Stijn Thijs Tim Wim
        Willem Wouter Yvonne Anders Anette Anne Astrid Birgitta Bjørn Britt Camilla Dag
        Ebba Einar Elin Emil Erik Eva Freya Gunnar Hanna Hans Helle Henrik Ida Ingrid Jens
        Johan Jonas Karin Kari Kirsten Knut Lars Leif Lena Linnea Magnus Malin Marit Mette
        Mikael Mikkel Nils Ole Olof Oskar Per Rasmus Sigrid Signe Siv Søren Stig Sven Tove
        Trine Ulf Ulla Åsa Aino Antti Eero Eija Elina Heikki Jari Juha Jukka Kaisa Kari
        Leena Liisa Matti Mikko Minna Outi Pekka Petri Riikka Sari Satu Seppo Timo Tuomas
        Tuula Ville Hilde Solveig Kjell Svein Terje Trond Geir Odd Frode Morten Thorbjørn
    """,
    "central_eastern_europe": """
        Adam Agnieszka Aleksandra Andrzej Anna Barbara Beata Bogdan Bożena Dariusz Dorota
        Elżbieta Ewa Grzegorz Halina Irena Jacek Jadwiga Jakub Jan Janusz Jerzy Joanna
        Józef Kamil Katarzyna Krystyna Krzysztof Łukasz Maciej Małgorzata Marcin Marek
        Mariusz Marta Michał Monika Paweł Piotr Przemysław Rafał Renata Robert Sławomir
        Stanisław Tadeusz Tomasz Urszula Wiesław Wojciech Zbigniew Zofia Zuzanna Aleš Bohumil
        Daniela Eva Hana Ivana Jana Jaroslav Jiří Josef Kateřina Lenka Libor Lucie Marie
        Markéta Martin Milan Miroslav Ondřej Pavel Pavla Petr Radek Tereza Václav Věra
        Vladimír Zdeněk Zuzana Ľubomír Miroslava Andrea Ágnes Attila Balázs Csaba Dániel
        Erzsébet Ferenc Gábor Gergely György Ildikó István János Judit Katalin Krisztina
        László Mária Márta Péter Sándor Tamás Zoltán Zsófia Zsuzsanna Adrian Alexandru
        Andrei Bogdan Cristian Dan Elena Florin Gheorghe Ioan Ion Ioana Mihai Mihaela Nicolae
        Radu Răzvan Vasile Ana Branko Dragan Goran Igor Ivan Ivana Marko Milica Nikola Vesna
        Zoran Željko Boris Dimitar Georgi Stoyan Todor Petar Tomislav Mirela Damir Janez
        Jože Matej Nenad Darko Ante Luka Stjepan Snežana Jelena Marija Slavko Ljubica
    """,
    "greek_russian": """
        Alexandros Andreas Angeliki Christos Dimitris Dimitrios Eleni Georgios Giorgos
        Ioannis Katerina Konstantinos Kostas Maria Nikolaos Nikos Panagiotis Sofia Spyros
        Stavros Vasilis Yannis Yiannis Anastasia Athanasios Evangelos Theodoros Aleksandr
        Aleksei Alexei Alexey Alla Anatoly Andrei Andrey Anton Artem Boris Daria Denis
        Dmitri Dmitry Ekaterina Elena Evgeny Galina Gennady Igor Ilya Irina Ivan Kirill
        Konstantin Ksenia Larisa Leonid Lyudmila Marina Maxim Mikhail Natalia Natalya
        Nikolai Nikolay Oksana Oleg Olga Pavel Pyotr Roman Ruslan Sergei Sergey Svetlana
        Tatiana Tatyana Valentina Valery Vasily Viktor Vitaly Vladimir Vladislav Yaroslav
        Yekaterina Yelena Yevgeny Yulia Yuri Yury Zoya Olena Oleksandr Oleksiy Andriy Taras
        Bohdan Mykola Mykhailo Volodymyr Yuliia Iryna Nataliia Vitali Margarita Nadezhda
        Александр Алексей Анастасия Анатолий Андрей Анна Антон Борис Вадим Валентина
        Валерий Василий Вера Виктор Виктория Владимир Владислав Галина Геннадий Георгий
        Григорий Дарья Денис Дмитрий Евгений Евгения Екатерина Елена Иван Игорь Илья Ирина
        Кирилл Константин Ксения Лариса Леонид Людмила Максим Маргарита Марина Мария
        Михаил Надежда Наталья Никита Николай Оксана Олег Ольга Павел Пётр Роман Руслан
        Светлана Сергей Станислав Татьяна Юлия Юрий Ярослав Олександр Олена Андрій Тарас
        Володимир Богдан Микола Ірина
    """,
    "turkish_arabic_persian_hebrew": """
        Ahmet Ali Ayşe Aylin Bülent Burak Can Cem Deniz Ebru Elif Emine Emre Erdoğan Esra
        Fatma Gül Hakan Hasan Hatice Hülya Hüseyin İbrahim İsmail Kazım Kemal Leyla Mehmet
        Melek Merve Murat Mustafa Nihat Orhan Özlem Recep Selim Serkan Sevgi Sibel Süleyman
        Tuncay Uğur Yasemin Yusuf Zeynep Ömer Osman Halil Levent Volkan Cengiz Tarık Nuri
        Abdullah Abdul Ahmad Ahmed Aisha Amir Amira Amal Bilal Fadi Farah Faris Fatima
        Hamza Hana Hassan Hussein Ibrahim Imran Jamal Karim Khaled Khalid Layla Mahmoud
        Mariam Marwan Mohamed Mohammad Mohammed Muhammad Mona Mustafa Nabil Nadia Omar Rami
        Rania Samir Sami Sara Tariq Walid Yasmin Yasmine Youssef Zainab Ziad Hossein Mahmoud
        Maryam Mehdi Mohsen Morteza Narges Parisa Reza Saeed Shirin Ali-Reza Arash Babak
        Ariel Avi Avraham Chaim David Eitan Eli Esther Hadas Ilan Itai Moshe Noa Ofer Rivka
        Shlomo Tal Tamar Uri Yael Yehuda Yonatan Yosef Zvi Mobasir Hasan Nasser Rashid
    """,
    "south_east_asian": """
        Aarav Abhishek Aditi Aditya Ajay Akash Amit Anand Anil Anjali Ankit Anupam Arjun Arun
        Ashok Deepak Deepika Divya Ganesh Gaurav Harish Kavita Kiran Krishna Kumar Lakshmi
        Manish Manoj Meera Mohan Mukesh Neha Nikhil Nisha Pooja Pradeep Prakash Priya Rahul
        Raj Rajesh Rakesh Ramesh Ravi Rohit Sachin Sanjay Santosh Sarita Shankar Shreya
        Sunil Suresh Swati Vijay Vikram Vinod Vivek Varun Siddharth Sneha Arvind Bhavna Chetan
        Dinesh Gita Girish Hari Jyoti Karthik Lalit Mahesh Naveen Nitin Pankaj Rajiv Sandeep
        Sunita Tarun Uma Usha Venkat Agus Budi Dewi Eko Hendra Indah Joko Putri Rina Siti
        Sri Wahyu Yusuf Ahmad Aziz Nurul Rizal Maricel Jose Rodel Jericho Minh Anh Linh
        Hung Tuan Thanh Huong Lan Mai Nguyen Hiroshi Takashi Yuki Keiko Kenji Akira Haruki
        Naoko Yoko Takeshi Satoshi Kazuo Makoto Masato Yumiko Emiko Shinji Daisuke Hana
        Kenta Ryo Sakura Shota Tomoko Wei Jun Ming Li Hui Jie Xin Hao Yan
    """,
}

# Names left out because in news text they are more often ordinary words: months and
# virtues in English, words that open a phrase ("Will", "May"), titles of pages.
_EXCLUDED = frozenset(
    {
        "will", "may", "june", "april", "august", "hope", "joy", "faith", "chase", "art",
        "sky", "summer", "autumn", "winter", "dawn", "rich", "bill", "page", "grant", "rock",
        "pat", "guy", "miles", "sunny", "king", "young", "major", "price",
    }
)  # fmt: skip

_TITLES = frozenset(
    {
        "dr", "prof", "professor", "dipl.-ing", "dr.-ing", "mag", "ing", "mr", "mrs", "ms",
        "miss", "sir", "dame", "herr", "frau", "m", "mme", "sr", "sra", "dott", "dipl",
    }
)  # fmt: skip

# German names written without umlauts ("Juergen", guenter-pilger.example).
UMLAUT_SPELLING = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)
_WORD_RE = re.compile(r"^[^\W\d_]+(?:['’][^\W\d_]+)?$")


def _plain(word: str) -> str:
    """Without case and accents: "Jürgen" -> "jurgen", "André" -> "andre", "ı" -> "i"."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().replace("ı", "i"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _forms(word: str) -> set[str]:
    folded = word.casefold().replace("i̇", "i")
    return {_plain(word), _plain(folded.translate(UMLAUT_SPELLING))}


@functools.lru_cache(maxsize=1)
def _table() -> frozenset[str]:
    names: set[str] = set()
    for block in _NAMES.values():
        for entry in block.split():
            for part in entry.split("-"):
                names |= _forms(part)
    return frozenset(names - {_plain(w) for w in _EXCLUDED})


def is_given_name(word: str) -> bool:
    """Whether ``word`` is a common given name, ignoring case and accents ("STEFAN",
    "Andre" for "André", "Juergen" for "Jürgen"); a hyphenated double name ("Hans-Peter")
    when every part is one. Initials ("J.") and non-words are not."""
    word = word.strip()
    parts = word.split("-")
    if not word or not all(_WORD_RE.match(p) for p in parts):
        return False
    table = _table()
    return all(not _forms(part).isdisjoint(table) for part in parts)


def starts_with_given_name(name: str) -> bool:
    """Whether the first word of ``name`` after any titles ("Dr.", "Prof.", "Herr") is a
    given name: "Dr. Tim Loppe" yes, "Weitere Informationen" or "Zoo Berlin" no."""
    for word in name.split():
        if word.rstrip(".").casefold() in _TITLES:
            continue
        return is_given_name(word)
    return False
